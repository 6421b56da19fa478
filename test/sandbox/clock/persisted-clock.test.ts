import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PersistedClock } from '../../../src/sandbox/clock/persisted-clock.js';

const dirs: string[] = [];
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'persisted-clock-'));
  dirs.push(dir);
  return join(dir, 'sandbox', 'clock.json');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the sandbox clock kept across restarts (issue 15 item 6)', () => {
  it('a restart keeps how far the clock was moved, so it never goes back a day', () => {
    const path = file();
    let real = Date.parse('2026-12-02T09:00:00Z');
    const first = new PersistedClock(path, () => real);
    first.travelTo('2026-12-10T09:00:00Z');
    expect(first.now().toISOString()).toBe('2026-12-10T09:00:00.000Z');

    // An hour of real time later, a new process reads the saved offset.
    real += 3600_000;
    const second = new PersistedClock(path, () => real);
    expect(second.now().toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(() => second.travelTo('2026-12-09T09:00:00Z')).toThrow(/only moves forward/);
  });

  it('starts at real time with no saved file, and ignores a damaged one', () => {
    const path = file();
    const real = Date.parse('2026-12-02T09:00:00Z');
    expect(new PersistedClock(path, () => real).now().getTime()).toBe(real);
    new PersistedClock(path, () => real).travelTo('2026-12-03T09:00:00Z');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ offsetMs: 86_400_000 });
    writeFileSync(path, '{"offsetMs": "soon"}');
    expect(new PersistedClock(path, () => real).now().getTime()).toBe(real);
    writeFileSync(path, 'not json');
    expect(new PersistedClock(path, () => real).now().getTime()).toBe(real);
  });
});
