import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { isoWeekday } from '../../src/domain/calendar/local-date.js';

/** Issue 15 item 5: `supervision schedule` says why any session is not on the agreed weekday. */
describe('supervision schedule explains sessions off the agreed weekday', () => {
  const args = ['schedule', '--policy', 'sefton', '--role', 'social-worker', '--start', '2024-05-01', '--agreement-date', '2026-12-02', '--weekday', 'mon'];

  it('JSON: offWeekday on exactly the sessions not on a Monday, in words', () => {
    const out = runCli(args);
    expect(out.code).toBe(0);
    const sessions = (JSON.parse(out.stdout) as { kind: string; date: string; offWeekday?: string }[]).filter((e) => e.kind === 'supervision');
    const off = sessions.filter((s) => isoWeekday(s.date) !== 1);
    expect(off.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s.offWeekday !== undefined, s.date).toBe(isoWeekday(s.date) !== 1);
    for (const s of off) expect(s.offWeekday).toMatch(/^not on a Monday: /);
    // Easter Monday 2027 (29 March) or another bank holiday Monday moves a session, and says so.
    expect(off.map((s) => s.offWeekday).join('\n')).toMatch(/is a bank holiday \(/);
  });

  it('table: a "why this day" column', () => {
    const out = runCli([...args, '--format', 'table']);
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(/why this day/);
    expect(out.stdout).toMatch(/not on a Monday: /);
  });
});
