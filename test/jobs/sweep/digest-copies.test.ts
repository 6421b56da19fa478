import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { markDigestCopies, sweepOnce, type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { digestCopyKey, type EscalationRepository } from '../../../src/repositories/escalations.js';
import { openItemsFor, type AttentionDeps } from '../../../src/usecases/overview/attention.js';
import { useAzurite } from '../../support/azurite.js';
import { calendar, setup, sweepTime, type AgreementSpec } from './support.js';

/*
 * Issue 16 item 4: "what needs my attention" read 28 day partitions of digests for one person.
 * Each settled digest now has a copy in its recipient's own partition (newest first), read with one
 * query; days from before copies existed are still read from their day partitions.
 */
const azurite = useAzurite();
const managers = { sw1: 'tm1', tm1: 'sm1', sm1: 'hos1', hos1: 'dir' };

/** Sefton social worker, monthly from 2026-01-05; only January's session held (the sweep's own scenario). */
const missedFebruary: AgreementSpec = {
  id: 'a-copies', policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm1', superviseeId: 'sw1', agreementDate: '2026-01-05',
  sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'booked' }],
  facts: { records: { '2026-01-13': { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-15', signedBySupervisee: '2026-01-15' } } },
};

async function sweepDays(deps: SweepDeps, from: string, to: string): Promise<void> {
  for (let d = from; d <= to; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d) });
}

/** The attention use case on the sweep's stores, counting reads of single days' digests. */
function attention(deps: SweepDeps & { escalations: EscalationRepository }, today: string) {
  const dayReads: string[] = [];
  const escalations: AttentionDeps['escalations'] = {
    copiedDigestsTo: (id, oldest) => deps.escalations.copiedDigestsTo(id, oldest),
    acknowledgedObligations: (id) => deps.escalations.acknowledgedObligations(id),
    digestOf: (day, id) => {
      dayReads.push(day);
      return deps.escalations.digestOf(day, id);
    },
  };
  const a = deps.agreements as unknown as AttentionDeps['agreements'];
  const run = (personId: string) => openItemsFor({ escalations, agreements: a, packFor: deps.packFor, calendar, now: () => sweepTime(today, '12:00').toISOString() }, personId);
  return { run, dayReads };
}

describe("each person's digests, read in one query (issue 16 item 4)", () => {
  it('a settled digest has its copy; with copies marked complete, the escalation is found without reading a single day', async () => {
    const { deps } = await setup(azurite.connectionString, [missedFebruary], { managers });
    expect(await markDigestCopies(deps.escalations, '2026-02-26')).toEqual({ mark: 'marked', since: '2026-01-30' });
    expect((await markDigestCopies(deps.escalations, '2026-02-27')).mark).toBe('already');
    await sweepDays(deps, '2026-02-27', '2026-03-10');
    const copies = await deps.escalations.copiedDigestsTo('sm1', '2026-02-11');
    expect(copies.since).toBe('2026-01-30');
    expect(copies.digests.map((d) => `${d.day} ${d.state} ${d.steps.map((s) => s.step).join(',')}`)).toEqual(['2026-03-09 sent line-manager']);
    expect((await deps.escalations.tables.copies?.get(digestCopyKey('tm1', '2026-03-02')))?.value.steps[0]?.step).toBe('reminder');

    const { run, dayReads } = attention(deps, '2026-03-10');
    const open = await run('sm1');
    expect(open.steps.map((s) => `${s.agreementId} ${s.step}`)).toEqual(['a-copies line-manager']);
    expect(dayReads).toEqual([]);
  });

  it('digests settled before copies were kept: the days up to the newest are read from their day partitions, and found', async () => {
    const { deps, stores } = await setup(azurite.connectionString, [missedFebruary], { managers });
    await sweepDays(deps, '2026-02-27', '2026-03-10');
    // As an earlier version left them: no copies.
    for (const day of ['2026-03-02', '2026-03-04']) await stores.copies?.delete(digestCopyKey('tm1', day));
    await stores.copies?.delete(digestCopyKey('sm1', '2026-03-09'));
    expect(await markDigestCopies(deps.escalations, '2026-03-10')).toEqual({ mark: 'marked', since: '2026-03-10' });
    const { run, dayReads } = attention(deps, '2026-03-10');
    expect((await run('sm1')).steps.map((s) => s.step)).toEqual(['line-manager']);
    // 27 days before the mark, from their partitions; today from the copies.
    expect(dayReads).toHaveLength(27);
    expect(dayReads).not.toContain('2026-03-10');
  });

  it('no mark yet (copies not known complete): every day is read, as before', async () => {
    const { deps } = await setup(azurite.connectionString, [missedFebruary], { managers });
    await sweepDays(deps, '2026-02-27', '2026-03-10');
    const { run, dayReads } = attention(deps, '2026-03-10');
    expect((await run('tm1')).steps.map((s) => s.step)).toEqual(['nudge']);
    expect(dayReads).toHaveLength(28);
  });
});
