import { describe, expect, it } from 'vitest';
import { complianceDeps, runReport } from '../../../src/cli/commands/report.js';
import type { Obligation } from '../../../src/domain/obligations/types.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { getPack } from '../../../src/policy/packs.js';
import { summarise, zeroCounts } from '../../../src/usecases/compliance/index.js';
import { useAzurite } from '../../support/azurite.js';
import { calendar, fakeDirectory, setup, type AgreementSpec } from '../../jobs/sweep/support.js';

const azurite = useAzurite();
const cal = createWorkingCalendar({ nation: 'england-and-wales' });
const managers = { sw1: 'tm1', tm1: 'sm1' };

/** A Sefton agreement for 2027, its monthly sessions booked in Outlook and none held yet. */
const monthly2027 = ['2027-01-12', '2027-02-09', '2027-03-09', '2027-04-13', '2027-05-11', '2027-06-08', '2027-07-13', '2027-08-10', '2027-09-14', '2027-10-12', '2027-11-09', '2027-12-14'];
const year2027: AgreementSpec = {
  id: 'f-sw1', policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm1', superviseeId: 'sw1', agreementDate: '2027-01-04',
  sessions: monthly2027.map((date) => ({ date, status: 'booked' as const })),
};

const row = (csv: string, id: string) => csv.split('\r\n').find((l) => l.startsWith(`person,${id},`))?.split(',') ?? [];

describe('the compliance report on a period that is not over (issue 16)', () => {
  it('a report for 2027 run in December 2026 counts every session as due and none as lapsed', async () => {
    const { storage, deps } = await setup(azurite.connectionString, [year2027], { managers });
    const open = (today: string) => async () => complianceDeps(storage, { directory: fakeDirectory(managers), packFor: getPack, calendar, settings: deps.settings, today: () => today });

    const december = await runReport(['--from', '2027-01-01', '--to', '2027-12-31'], { open: open('2026-12-02') });
    expect(december.code).toBe(0);
    const [, , , , due, held, late, lapsed, recordsLate] = row(december.stdout, 'sw1');
    expect(Number(due)).toBeGreaterThanOrEqual(11);
    expect([held, late, lapsed, recordsLate]).toEqual(['0', '0', '0', '0']);

    // Run in mid-June 2027 with nothing held: what fell due before today has lapsed, the rest is still due.
    const june = row((await runReport(['--from', '2027-01-01', '--to', '2027-12-31'], { open: open('2027-06-15') })).stdout, 'sw1');
    expect(Number(june[7])).toBeGreaterThan(0);
    expect(Number(june[7])).toBeLessThan(Number(june[4]));

    // After the year: everything not held has lapsed, as before.
    const after = row((await runReport(['--from', '2027-01-01', '--to', '2027-12-31'], { open: open('2028-02-01') })).stdout, 'sw1');
    expect(after[7]).toBe(after[4]);
  }, 30_000);

  it('summarise: a session or a record due after the day the report is run is not lapsed or late', () => {
    const o = (kind: Obligation['kind'], due: string, metOn?: string): Obligation => ({
      id: `${kind}:${due}`, kind, subject: `session-${due}`, status: 'due', due, ...(metOn ? { metOn } : {}), responsible: 'supervisor', severity: 'breach', rule: 'r', detail: 'd',
    });
    const list = [o('session-frequency', '2027-01-31'), o('session-frequency', '2027-02-28'), o('session-frequency', '2027-03-31', '2027-03-20'), o('record-shared', '2027-02-10')];
    expect(summarise(list, '2027-01-01', '2027-12-31', cal, undefined, '2026-12-02')).toEqual({ ...zeroCounts(), sessionsDue: 3, sessionsHeld: 1 });
    expect(summarise(list, '2027-01-01', '2027-12-31', cal, undefined, '2027-02-15')).toEqual({ ...zeroCounts(), sessionsDue: 3, sessionsHeld: 1, sessionsLapsed: 1, recordsLate: 1 });
  });
});
