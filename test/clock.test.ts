import { describe, expect, it } from 'vitest';
import { TravellingClock } from '../src/clock.js';

describe('the sandbox clock', () => {
  it('runs with real time plus the distance travelled, and never goes back', () => {
    let real = Date.parse('2026-11-30T09:00:00Z');
    const clock = new TravellingClock(() => real);
    expect(clock.now().toISOString()).toBe('2026-11-30T09:00:00.000Z');
    clock.travelTo('2026-12-01T11:45:00Z');
    real += 60_000;
    expect(clock.now().toISOString()).toBe('2026-12-01T11:46:00.000Z');
    expect(() => clock.travelTo('2026-12-01T10:00:00Z')).toThrow(/only moves forward/);
    expect(() => clock.travelTo('soon')).toThrow(/not an instant/);
  });
});
