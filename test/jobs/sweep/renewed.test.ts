import { describe, expect, it } from 'vitest';
import { handedOver } from '../../../src/domain/agreements/review.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { sweepOnce } from '../../../src/jobs/sweep/index.js';
import { useAzurite } from '../../support/azurite.js';
import { setup, sweepTime, type AgreementSpec } from './support.js';

const azurite = useAzurite();
const managers = { sw1: 'tm1', sw2: 'tm1', tm1: 'sm1', sm1: 'hos1', hos1: 'dir' };

/** A Sefton year from 3 March 2025, every monthly session held and its record signed on time, ending in February 2026. */
function year(id: string, superviseeId: string, reviewedOn?: string): AgreementSpec {
  const dates: string[] = [];
  for (let d = '2025-03-11'; d <= '2026-02-28'; d = addDays(d, 28)) dates.push(d);
  return {
    id, policyId: 'sefton', roleId: 'social-worker', supervisorId: 'tm1', superviseeId, agreementDate: '2025-03-03',
    sessions: dates.map((date) => ({ date, status: 'held' as const })),
    facts: {
      records: Object.fromEntries(dates.map((d) => [d, { sharedOn: d, signedBySupervisor: d, signedBySupervisee: addDays(d, 1) }])),
      ...(reviewedOn ? { reviews: [reviewedOn] } : {}),
    },
  };
}

describe('after the review, the next year is the next agreement\'s (issue 14 item 3)', () => {
  it('what falls due from the next year\'s start is left to the next agreement; without the renewal the old year\'s end would be escalated', async () => {
    // Renewed: reviewed on 17 February 2026 (support.ts: the next year from 3 March 2026).
    const renewed = year('ry-renewed', 'sw1', '2026-02-17');
    const alone = year('ry-alone', 'sw2');
    const renewal = { renewedBy: { agreementId: 'x', signedOn: '2026-02-17', from: '2026-03-03' } };
    expect(handedOver(renewal, { kind: 'session-frequency', due: '2026-03-03' })).toBe(true);
    expect(handedOver(renewal, { kind: 'session-frequency', due: '2026-03-02' })).toBe(false);
    expect(handedOver({}, { kind: 'session-frequency', due: '2026-04-01' })).toBe(false);
    // This agreement's own review, records, postponements and actions stay its own, even when late.
    for (const kind of ['agreement-review', 'record-shared', 'record-signed', 'postponement-rebooked', 'action-overdue'] as const) expect(handedOver(renewal, { kind, due: '2026-03-10' })).toBe(false);
    const { deps, messenger } = await setup(azurite.connectionString, [renewed, alone], { managers });
    for (let d = '2026-03-02'; d <= '2026-04-30'; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d) });
    const about = (id: string) => messenger.sent.filter((s) => s.key.includes(id) || JSON.stringify(s.message).includes(id));
    const toSw = (person: string) => messenger.sent.filter((s) => s.personId === person || JSON.stringify(s.message).includes(person));
    // The agreement left alone runs past its last session and is chased; the renewed one is not.
    expect(messenger.sent.length).toBeGreaterThan(0);
    expect(toSw('sw2').length + about('ry-alone').length).toBeGreaterThan(0);
    expect(about('ry-alone').length).toBeGreaterThan(0);
    expect(about('ry-renewed')).toEqual([]);
  });
});
