import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { addDays, fromDayNumber, isLocalDate, toDayNumber } from '../../src/domain/calendar/local-date.js';
import { deadlineKinds } from '../../src/policy/deadline.js';
import { packIds } from '../../src/policy/packs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => resolve(root, 'test/cli/fixtures', name);

function spawn(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  // npx may print its own notices on stderr; the CLI's own stderr is what follows them.
  const stderr = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn')).join('\n');
  return { code: r.status, stdout: r.stdout, stderr };
}

describe('spawned CLI', () => {
  it('npx tsx src/cli/main.ts deadline prints JSON', () => {
    const r = spawn('npx', ['tsx', 'src/cli/main.ts', 'deadline', '--policy', 'sefton', '--kind', 'record-shared', '--from', '2025-12-23']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-01-02', rule: 'SE-D1 Sefton ¶6.2; App 1 Format (L228, L339)', modality: 'must' });
  });
  it('bin/supervision.js (the npm bin) lists the policies', () => {
    const r = spawn('node', ['bin/supervision.js', 'policies']);
    expect(r.code).toBe(0);
    for (const id of packIds()) expect(r.stdout).toContain(id);
  });
  it('bad input: exit 2, one line on stderr, nothing on stdout', () => {
    const r = spawn('node', ['bin/supervision.js', 'schedule', '--policy', 'sefton', '--role', 'nqsw', '--start', '2025-13-01']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--start "2025-13-01" is not a date/);
  });
  it('npx tsx src/cli/main.ts obligations reads a history file', () => {
    const r = spawn('npx', ['tsx', 'src/cli/main.ts', 'obligations', '--policy', 'camden', '--history', fixture('camden-nqsw-history.json'), '--at', '2025-10-10']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThan(5);
  });
});

describe('bad input (in-process): exit 2, exactly one line on stderr, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /usage: supervision/],
    ['unknown command', ['report'], /unknown command "report"/],
    ['unknown option', ['policies', '--colour'], /Unknown option '--colour'/],
    ['missing --policy', ['schedule', '--role', 'nqsw', '--start', '2025-01-06'], /--policy is required/],
    ['unknown policy', ['schedule', '--policy', 'york', '--role', 'nqsw', '--start', '2025-01-06'], /unknown policy "york"/],
    ['unknown role', ['schedule', '--policy', 'leeds', '--role', 'chef', '--start', '2025-01-06'], /has no role "chef"/],
    ['missing --start', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff'], /--start is required/],
    ['impossible date', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-29'], /not a date/],
    ['agreement before start', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-03', '--agreement-date', '2025-01-01'], /before the employment start/],
    ['weekend weekday', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-03', '--weekday', 'sat'], /--weekday must be one of mon/],
    ['bad time', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-03', '--time', '25:00'], /--time "25:00"/],
    ['bad duration', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-03', '--duration', 'long'], /--duration must be/],
    ['below a must minimum', ['schedule', '--policy', 'sefton', '--role', 'social-worker', '--start', '2025-02-03', '--duration', '60'], /below the minimum of 90 minutes \(SE-F6 Sefton ¶3\.8 \(L90\)\)/],
    ['bad format', ['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-02-03', '--format', 'xml'], /--format must be json or table/],
    ['frequency not specified', ['schedule', '--policy', 'buckinghamshire', '--role', 'social-worker', '--start', '2025-02-03'], /Buckinghamshire does not specify a supervision frequency/],
    ['shift-based frequency', ['schedule', '--policy', 'sefton', '--role', 'residential-agency-casual', '--start', '2025-02-03'], /every 16 shifts worked/],
    ['unknown kind', ['deadline', '--policy', 'camden', '--kind', 'birthday', '--from', '2025-01-06'], /--kind must be one of record-shared/],
    ['missing category', ['deadline', '--policy', 'camden', '--kind', 'case-discussion', '--from', '2025-01-06'], /--category must be one of child-protection, cin, cla, care-leaver/],
    ['missing history file', ['obligations', '--policy', 'camden', '--history', '/nonexistent/h.json', '--at', '2025-01-06'], /cannot read history file/],
    ['invalid history', ['obligations', '--policy', 'camden', '--history', fixture('buckinghamshire-config.json'), '--at', '2025-01-06'], /invalid history/],
    ['bad --at', ['obligations', '--policy', 'camden', '--history', fixture('camden-nqsw-history.json'), '--at', 'tomorrow'], /--at "tomorrow"/],
    ['config for another policy', ['deadline', '--policy', 'camden', '--config', fixture('buckinghamshire-config.json'), '--kind', 'pdr', '--from', '2025-01-06'], /not "camden"/],
  ];
  it.each(cases)('%s', (_name, argv, message) => {
    const out = runCli(argv);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.endsWith('\n')).toBe(true);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(message);
  });
});

describe('commands (in-process)', () => {
  it('policies: every pack, role and phase, as a table or JSON', () => {
    const table = runCli(['policies']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/sefton\s+nqsw\s+fortnightly\s+one per 14-day block, must \(SE-F10 Sefton ¶3\.12 \(L98\)\)/);
    expect(table.stdout).toMatch(/buckinghamshire\s+social-worker\s+policy-2019\s+not specified/);
    const json = JSON.parse(runCli(['policies', '--format', 'json']).stdout) as { id: string; roles: unknown[] }[];
    expect(json.map((p) => p.id)).toEqual(packIds());
  });
  it('schedule: JSON with date, start, minutes and rule; duration defaults to the pack\'s planned length', () => {
    const out = runCli(['schedule', '--policy', 'camden', '--role', 'nqsw', '--start', '2025-09-01', '--weekday', 'tue', '--time', '09:30']);
    const sessions = JSON.parse(out.stdout) as Record<string, unknown>[];
    expect(sessions[0]).toEqual({ date: '2025-09-02', start: '09:30', minutes: 120, startUtc: '2025-09-02T08:30:00Z', endUtc: '2025-09-02T10:30:00Z', kind: 'supervision', phase: 'weekly', rule: 'CA-F3 Camden §6 Frequency and duration (L94)' });
    expect(sessions.filter((s) => s['phase'] === 'weekly')).toHaveLength(6);
  });
  it('schedule shows the whole year (issue 14 item 6): Sefton NQSW from 4 January 2027, 24 sessions (6 weekly, then fortnightly, then monthly) and the ASYE learning agreement and reviews, each with its kind and rule', () => {
    const year = JSON.parse(runCli(['schedule', '--policy', 'sefton', '--role', 'nqsw', '--start', '2027-01-04']).stdout) as { kind: string; phase?: string; subject?: string; due?: string; date: string; rule: string }[];
    const sessions = year.filter((e) => e.kind === 'supervision');
    expect(sessions).toHaveLength(24);
    expect(['weekly', 'fortnightly', 'monthly'].map((p) => sessions.filter((s) => s.phase === p).length)).toEqual([6, 13, 5]);
    expect(sessions.every((s) => s.rule === 'SE-F10 Sefton ¶3.12 (L98)')).toBe(true);
    const asye = year.filter((e) => e.kind === 'asye-review' || e.kind === 'asye-learning-agreement');
    // ¶3.14 (L102): the learning agreement at the initial meeting, reviews at 3, 6 and 12 months (K10).
    expect(asye.map((e) => [e.kind, e.subject, e.due])).toEqual([
      ['asye-learning-agreement', 'learning-agreement', '2027-01-04'],
      ['asye-review', 'month-3', '2027-04-05'],
      ['asye-review', 'month-6', '2027-07-05'],
      ['asye-review', 'month-12', '2028-01-04'],
    ]);
    expect(asye.every((e) => e.rule === 'SE-D8 Sefton ¶3.14 (L102)' && e.date <= (e.due ?? ''))).toBe(true);
    expect(year.map((e) => e.kind)).toEqual(expect.arrayContaining(['agreement-review', 'direct-observation', 'pdr']));
    const table = runCli(['schedule', '--policy', 'sefton', '--role', 'nqsw', '--start', '2027-01-04', '--format', 'table']).stdout;
    expect(table).toMatch(/2027-04-05\s+\d\d:\d\d\s+90\s+asye-review\s+ASYE review at 3 months\s+SE-D8 Sefton ¶3\.14 \(L102\)/);
    expect(table.split('\n').filter((l) => /^\S+\s+\S+\s+\d+\s+supervision\s/.test(l))).toHaveLength(24);
  });
  it('schedule --format table', () => {
    const out = runCli(['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-01-06', '--format', 'table']);
    expect(out.stdout.split('\n')[0]).toMatch(/^date\s+start\s+minutes\s+kind\s+what\s+rule\s+why this day$/);
    expect(out.stdout).toMatch(/2025-02-03\s+10:00\s+60\s+supervision\s+four-weekly\s+LE-F4 Leeds/);
  });
  it('schedule with a council configuration (Buckinghamshire fills its gap) says the rule is local', () => {
    const out = runCli(['schedule', '--policy', 'buckinghamshire', '--role', 'social-worker', '--start', '2025-01-06', '--config', fixture('buckinghamshire-config.json')]);
    const sessions = JSON.parse(out.stdout) as { rule: string; minutes: number }[];
    expect(sessions[0]).toMatchObject({ minutes: 90, rule: 'BU-F1 Buckinghamshire local configuration (Supervision Policy April 2019), not the policy' });
  });
  it('schedule honours council closure days, both people\'s busy time and the previous session', () => {
    const base = ['schedule', '--policy', 'sefton', '--role', 'nqsw', '--start', '2025-01-06', '--weekday', 'tue'];
    const first = (argv: string[]) => (JSON.parse(runCli(argv).stdout) as { date: string }[])[0]?.date;
    expect(first(base)).toBe('2025-01-07');
    expect(first([...base, '--config', fixture('sefton-closure-config.json')])).not.toBe('2025-01-07');
    expect(first([...base, '--busy', fixture('busy.json')])).not.toBe('2025-01-07');
    const out = runCli([...base, '--previous', '2025-01-10']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--previous "2025-01-10" must be a date/);
  });
  it('no valid slot: exit 3, one line naming the rule that cannot be met', () => {
    const out = runCli(['schedule', '--policy', 'leeds', '--role', 'school-cluster-staff', '--start', '2025-01-06', '--busy', fixture('busy-all-year.json')]);
    expect(out).toMatchObject({ code: 3, stdout: '' });
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/^no valid slot for LE-F4 Leeds/);
  });
  it('deadline: not specified is {"due":null,"notSpecified":true}', () => {
    expect(JSON.parse(runCli(['deadline', '--policy', 'leeds', '--kind', 'postponement-rebooked', '--from', '2025-01-06']).stdout)).toMatchObject({ due: null, notSpecified: true });
  });
  it('obligations: JSON and table', () => {
    const json = JSON.parse(runCli(['obligations', '--policy', 'camden', '--history', fixture('camden-nqsw-history.json'), '--at', '2025-10-10']).stdout) as { id: string; status: string; kind: string }[];
    expect(json.find((o) => o.kind === 'postponement-reason' && o.status === 'breached')?.id).toBe('postponement-reason:session-2025-09-23:2025-09-23');
    expect(json.find((o) => o.id === 'case-discussion:case-CIN-7/after-2025-09-15:2025-11-15')).toMatchObject({ status: 'due' });
    const table = runCli(['obligations', '--policy', 'camden', '--history', fixture('camden-nqsw-history.json'), '--at', '2025-10-10', '--format', 'table']);
    expect(table.stdout.split('\n')[0]).toMatch(/^due\s+status\s+kind\s+subject\s+responsible\s+rule$/);
  });
  it('deadline for any pack, kind and date 2025-2035: a date on or after --from, not specified, or an event', () => {
    const day0 = toDayNumber('2025-01-01');
    fc.assert(fc.property(
      fc.constantFrom(...packIds()), fc.constantFrom(...deadlineKinds), fc.integer({ min: day0, max: toDayNumber('2035-12-31') }),
      (pack, kind, n) => {
        const from = fromDayNumber(n);
        const category = pack === 'camden' ? 'cla' : undefined;
        const out = runCli(['deadline', '--policy', pack, '--kind', kind, '--from', from, ...(category ? ['--category', category] : [])]);
        expect(out.code).toBe(0);
        const a = JSON.parse(out.stdout) as { due: string | null; notSpecified?: boolean; event?: string; rule: string };
        if (a.due === null) expect(a.notSpecified === true || typeof a.event === 'string').toBe(true);
        else {
          expect(isLocalDate(a.due)).toBe(true);
          expect(a.due >= from).toBe(true);
          // The longest is CB's PDR: the June after next when --from is before June.
          expect(a.due <= addDays(from, 547)).toBe(true);
        }
        expect(a.rule.length).toBeGreaterThan(5);
      },
    ), { numRuns: 300 });
  });
});
