import { describe, expect, it } from 'vitest';
import type { ExclusiveResult, Lease, LeaseLock } from '../../src/domain/ports/storage.js';
import { at, every, startBackground, worker } from '../../src/jobs/registry.js';
import type { LogFields, Logger } from '../../src/observability/logger.js';
import { AppError } from '../../src/domain/errors.js';
import { until } from '../support/until.js';

/** A lease another instance may hold; exclusive() runs work only when it is free. */
function lock(heldElsewhere = new Set<string>()): LeaseLock & { heldElsewhere: Set<string> } {
  return {
    heldElsewhere,
    acquire: async (name: string): Promise<Lease | undefined> => (heldElsewhere.has(name) ? undefined : { name, id: 'l' }),
    renew: async () => undefined,
    release: async () => undefined,
    async exclusive<R>(name: string, _seconds: number, work: (signal: AbortSignal) => Promise<R>): Promise<ExclusiveResult<R>> {
      if (heldElsewhere.has(name)) return { ran: false };
      return { ran: true, result: await work(new AbortController().signal) };
    },
  };
}

function logger(): Logger & { lines: { level: string; event: string; fields: LogFields }[] } {
  const lines: { level: string; event: string; fields: LogFields }[] = [];
  const at = (level: string) => (event: string, fields: LogFields = {}) => void lines.push({ level, event, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background work in one registry (issue 10 item 4)', () => {
  it('a periodic pass runs at start and then on its interval; its counts are logged by name', async () => {
    const log = logger();
    let runs = 0;
    const bg = startBackground([every('tick', 30, async () => ({ runs: ++runs }))], { lock: lock(), log, clock: Date.now });
    await until('three passes', () => (runs >= 3 ? true : undefined), 5_000, 5);
    await bg.stop();
    const after = runs;
    await sleep(80);
    expect(runs).toBe(after);
    expect(log.lines.filter((l) => l.event === 'tick.done').length).toBeGreaterThanOrEqual(3);
    expect(log.lines.find((l) => l.event === 'tick.done')?.fields).toEqual({ runs: 1 });
  });

  it('a pass declared with a lease storage cannot give (blob leases last 15–60 seconds) is refused when declared, not failed on every pass', () => {
    expect(() => every('long', 1000, async () => undefined, { leaseSeconds: 300 })).toThrow(/15–60 seconds/);
    expect(() => at('early', (n) => n + 1000, async () => undefined, { leaseSeconds: 5 })).toThrow(/15–60 seconds/);
    expect(every('fits', 1000, async () => undefined, { leaseSeconds: 60 }).leaseSeconds).toBe(60);
  });

  it('with a lease held by another instance the pass does not run; once it is free it does', async () => {
    const held = new Set(['scan']);
    let runs = 0;
    const bg = startBackground([every('scan', 20, async () => ({ runs: ++runs }), { leaseSeconds: 60 })], { lock: lock(held), log: logger(), clock: Date.now });
    await sleep(100);
    expect(runs).toBe(0);
    held.delete('scan');
    await until('a pass', () => (runs > 0 ? true : undefined), 5_000, 5);
    await bg.stop();
  });

  it('a failing pass is logged with its error code and the next pass still runs', async () => {
    const log = logger();
    let runs = 0;
    const bg = startBackground([every('flaky', 10, async () => {
      runs++;
      if (runs === 1) throw new AppError('unavailable', 'Somebody’s name in a message');
      return { ok: 1 };
    })], { lock: lock(), log, clock: Date.now });
    await until('a second pass', () => (runs >= 2 ? true : undefined), 5_000, 5);
    await bg.stop();
    expect(log.lines.find((l) => l.event === 'flaky.failed')).toMatchObject({ level: 'warn', fields: { error: 'AppError', code: 'unavailable' } });
    expect(JSON.stringify(log.lines)).not.toContain('name in a message');
  });

  it('stop waits for the pass in flight, the workers and tracked work, and starts nothing new', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const bg = startBackground([
      every('slow', 60_000, async () => {
        order.push('pass started');
        await slow;
        order.push('pass finished');
      }),
      worker('queue', async (signal) => {
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
        await sleep(20);
        order.push('worker finished');
      }),
    ], { lock: lock(), log: logger(), clock: Date.now });
    bg.track('send', sleep(30).then(() => void order.push('tracked finished')));
    await until('the pass started', () => (order.includes('pass started') ? true : undefined), 5_000, 5);
    const stopped = bg.stop().then(() => void order.push('stopped'));
    await sleep(50);
    expect(order).not.toContain('stopped');
    release();
    await stopped;
    expect(order.at(-1)).toBe('stopped');
    expect(order).toEqual(expect.arrayContaining(['pass finished', 'worker finished', 'tracked finished']));
  });

  it('a pass at set times waits for its time (the daily sweep), and is not run at start', async () => {
    let runs = 0;
    const start = Date.now();
    const bg = startBackground([at('daily', (nowMs) => (nowMs < start + 80 ? start + 80 : nowMs + 60_000), async () => ({ runs: ++runs }))], { lock: lock(), log: logger(), clock: Date.now });
    await sleep(30);
    expect(runs).toBe(0);
    await until('the pass at its time', () => (runs === 1 ? true : undefined), 5_000, 5);
    expect(Date.now() - start).toBeGreaterThanOrEqual(75);
    await bg.stop();
  });
});
