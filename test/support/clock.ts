/**
 * Moves Date forward without touching timers. Azurite runs in the test process and reads time
 * through Date, so visibility timeouts and lease expiry happen "later" without the test waiting,
 * while sockets and SDK retry timers keep running in real time.
 *
 *   afterEach(restoreClock);
 *   travel(16_000);
 */
import { vi } from 'vitest';

export function travel(ms: number): void {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now + ms);
}

export function restoreClock(): void {
  vi.useRealTimers();
}
