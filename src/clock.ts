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
    this.offsetMs = offset;
    return this.now();
  }
}

/**
 * POST /api/sandbox/clock: read the clock ({}), or move it forward ({"travelTo": iso}), so the demo
 * and end-to-end tests can let a booked meeting end without waiting for it.
 */
export function clockRoute(clock: TravellingClock) {
  return async (req: { body?: unknown }, res: { send(code: number, body?: unknown): void }): Promise<void> => {
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
