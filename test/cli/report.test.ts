import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/local-date.js';
import { addWorkingDays } from '../../src/domain/calendar/working-calendar.js';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import { complianceDeps, parseReportArgs, runReport } from '../../src/cli/commands/report.js';
import { sweepOnce } from '../../src/jobs/sweep/index.js';
import { getPack } from '../../src/policy/packs.js';
import { useAzurite } from '../support/azurite.js';
import { calendar, fakeDirectory, setup, sweepTime, type AgreementSpec } from '../jobs/sweep/support.js';

const azurite = useAzurite();
const managers = { sw1: 'tm1', sw3: 'tm2', tm1: 'sm1', tm2: 'sm1', sm1: 'hos1', hos1: 'dir' };
const onTime = (date: string) => {
  const shared = addWorkingDays(calendar, date, 1);
  return { sharedOn: shared, signedBySupervisor: shared, signedBySupervisee: shared };
};
const monthly = ['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09'];
const sw1: AgreementSpec = {
  id: 'c-sw1', policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm1', superviseeId: 'sw1', agreementDate: '2026-01-05',
  sessions: monthly.map((date) => ({ date, status: (date === '2026-04-14' ? 'booked' : 'held') as PlannedSession['status'] })),
  facts: { records: { ...Object.fromEntries(monthly.map((d) => [d, onTime(d)])), '2026-06-09': { sharedOn: '2026-06-24', signedBySupervisor: '2026-06-24', signedBySupervisee: '2026-06-24' } } },
};
const camden: string[] = [];
for (let d = '2025-06-03'; d <= '2026-07-31'; d = addDays(d, 21)) camden.push(d);
const sw3: AgreementSpec = {
  id: 'c-sw3', policyId: 'camden', roleId: 'social-worker', supervisorId: 'tm2', superviseeId: 'sw3', agreementDate: '2025-06-02', employmentStart: '2020-01-06',
  sessions: camden.map((date) => ({ date, status: 'held' as const })), facts: { reviews: ['2026-07-15'] },
};

describe('supervision report', () => {
  it('exports compliance per person, per team and in total as CSV, escalations from the audit log', async () => {
    const { deps, storage } = await setup(azurite.connectionString, [sw1, sw3], { managers });
    for (let d = '2026-04-27'; d <= '2026-06-30'; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d) });
    const open = async () => complianceDeps(storage, { directory: fakeDirectory(managers), packFor: getPack, calendar, settings: deps.settings });

    const out = await runReport(['--from', '2026-01-01', '--to', '2026-06-30'], { open });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('scope,id,supervisor_id,people,sessions_due,sessions_held,sessions_late,sessions_lapsed,records_late,escalations');
    const sw3Row = lines.find((l) => l.startsWith('person,sw3,'))?.split(',') ?? [];
    // sw3: every four-weekly session on time, no record rule in Camden's policy, the review escalated twice.
    expect(sw3Row[4]).toBe(sw3Row[5]);
    expect(sw3Row.slice(6)).toEqual(['0', '0', '0', '2']);
    const due = Number(sw3Row[4]);
    expect(lines.slice(1)).toEqual([
      // sw1: five monthly periods due; April's lapsed; June's record shared and signed late; 4 escalations.
      'person,sw1,tm1,1,5,4,0,1,2,4',
      `person,sw3,tm2,1,${due},${due},0,0,0,2`,
      'team,tm1,tm1,1,5,4,0,1,2,4',
      `team,tm2,tm2,1,${due},${due},0,0,0,2`,
      `all,all,,2,${5 + due},${4 + due},0,1,2,6`,
    ]);

    const team = await runReport(['--from', '2026-01-01', '--to', '2026-06-30', '--team', 'tm1'], { open });
    expect(team.stdout.trimEnd().split('\r\n').slice(1)).toEqual(['person,sw1,tm1,1,5,4,0,1,2,4', 'team,tm1,tm1,1,5,4,0,1,2,4', 'all,tm1,tm1,1,5,4,0,1,2,4']);
    const higher = await runReport(['--from', '2026-01-01', '--to', '2026-06-30', '--team', 'sm1'], { open });
    expect(higher.stdout.split('\r\n').filter((l) => l.startsWith('person,'))).toHaveLength(2);
    // A month: only what fell due in it.
    const may = await runReport(['--from', '2026-05-01', '--to', '2026-05-31'], { open });
    expect(may.stdout.split('\r\n').find((l) => l.startsWith('person,sw1,'))).toBe('person,sw1,tm1,1,1,0,0,1,0,2');
  }, 30_000);

  it.each([
    [['--to', '2026-06-30'], '--from is required'],
    [['--from', '2026-13-01', '--to', '2026-06-30'], '--from "2026-13-01" is not a date written YYYY-MM-DD'],
    [['--from', '2026-07-01', '--to', '2026-06-30'], '--from 2026-07-01 is after --to 2026-06-30'],
    [['--from', '2026-01-01', '--to', '2026-06-30', '--bogus'], "Unknown option '--bogus'"],
    [['--from', '2026-01-01', '--to', '2026-06-30', '--team', ' '], '--team needs a manager id'],
  ])('bad input %j: exit 2, one line on stderr, nothing opened', async (args, message) => {
    let opened = false;
    const out = await runReport(args, { open: async () => { opened = true; throw new Error('must not open'); } });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')).toHaveLength(2);
    expect(out.stderr).toContain(message);
    expect(opened).toBe(false);
  });

  it('parses a good query', () => {
    expect(parseReportArgs(['--from', '2026-01-01', '--to', '2026-01-31', '--team', 'tm1'])).toEqual({ from: '2026-01-01', to: '2026-01-31', team: 'tm1' });
  });
});
