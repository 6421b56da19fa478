import { z } from 'zod';

/** Where the running app reads the time. The domain never does: it is handed times from here. */
export interface AppClock {
  now(): Date;
}

export const systemClock: AppClock = { now: () => new Date() };

export const ZClockTravel = z.strictObject({
  /** Move the clock forward to this instant (ISO 8601 with Z). Omit to read the clock. */
  travelTo: z.iso.datetime().optional(),
});

const MAX_TRAVEL_MS = 3 * 366 * 86_400_000;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.has(address);
}

/**
 * Sandbox mode only: a clock that runs with real time but can be moved forward, so a demo or an
 * end-to-end test can let a booked meeting "end" without waiting a week. Never backwards: work
 * already done (records shared, cards sent) must not end up in the future.
 */
export class TravellingClock implements AppClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  travelTo(instant: string): Date {
    const offset = Date.parse(instant) - this.realNow();
    if (!Number.isFinite(offset)) throw new Error(`not an instant: ${instant}`);
    if (offset < this.offsetMs) throw new RangeError('The sandbox clock only moves forward.');
    // A demo needs weeks or months; a jump to 2099 could never be undone (issue 16 L6).
    if (offset > MAX_TRAVEL_MS) throw new RangeError('The sandbox clock moves at most three years ahead of real time.');
    this.offsetMs = offset;
    return this.now();
  }
}

/**
 * POST /api/sandbox/clock: read the clock ({}), or move it forward ({"travelTo": iso}), so the demo
 * and end-to-end tests can let a booked meeting end without waiting for it.
 */
export function clockRoute(clock: TravellingClock) {
  return async (req: { body?: unknown; socket?: { remoteAddress?: string | undefined } }, res: { send(code: number, body?: unknown): void }): Promise<void> => {
    // The server listens on loopback in sandbox mode (config HOST); this holds even if it did not.
    if (!isLoopbackAddress(req.socket?.remoteAddress)) {
      res.send(403, { error: { code: 'forbidden', message: 'The sandbox clock can be moved from this machine only.' } });
      return;
    }
    const parsed = ZClockTravel.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.send(400, { error: { code: 'invalid_input', message: 'Send {"travelTo": "<ISO instant>"} to move the sandbox clock forward, or {} to read it.' } });
      return;
    }
    try {
      const now = parsed.data.travelTo ? clock.travelTo(parsed.data.travelTo) : clock.now();
      res.send(200, { now: now.toISOString() });
    } catch (error) {
      res.send(409, { error: { code: 'conflict', message: error instanceof Error ? error.message : 'cannot move the clock' } });
    }
  };
}
