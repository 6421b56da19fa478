import { describe, expect, it } from 'vitest';
import { computeObligations } from '../../../src/domain/obligations/index.js';
import { historyOf, milestoneDone } from '../../../src/domain/obligations/history-of.js';
import type { MilestoneKind } from '../../../src/domain/milestones/types.js';
import type { SessionRecord } from '../../../src/domain/records/schema.js';
import { getPack } from '../../../src/policy/packs.js';
import { agreementOf, recordOf, storedFor, type AgreementSpec } from '../../jobs/sweep/support.js';

/** Issue 14 item 1: reviews and milestones recorded on their own cards feed the obligations. */
const spec: AgreementSpec = {
  id: 'm1', policyId: 'sefton', roleId: 'nqsw', supervisorId: 'tm', superviseeId: 'nq', agreementDate: '2027-01-04',
  sessions: [{ date: '2027-01-04', status: 'held' }],
};
const agreement = { ...agreementOf(spec), terms: { ...agreementOf(spec).terms, employmentStart: '2027-01-04' } };

/** A milestone's record as its card makes it: its kind, shared by the supervisor, held on `heldOn`. */
function milestoneRecord(kind: MilestoneKind, id: string, heldOn: string, shared = true): SessionRecord {
  const base = recordOf(spec, `m1-m-${id}`, heldOn, shared ? { sharedOn: heldOn } : {});
  return {
    ...base, kind, templateId: kind,
    versions: base.versions.map((v) => ({ ...v, content: { ...v.content, discussion: 'Good progress.', milestone: { kind, label: id, heldOn, outcome: 'Good progress.' } } })),
  };
}

const pack = getPack('sefton');
const asye = (records: SessionRecord[], at: string) => computeObligations(pack, historyOf(agreement, storedFor(spec).sessions, records), at)
  .filter((o) => o.kind === 'asye-review' || o.kind === 'asye-learning-agreement' || o.kind === 'direct-observation' || o.kind === 'pdr')
  .map((o) => `${o.kind} ${o.subject} ${o.status}`);

describe('reviews and milestones in the obligations\' history (issue 14 item 1)', () => {
  it('a milestone record shared by the supervisor is done on the day it was held; a draft is not; it is never a supervision session', () => {
    const la = milestoneRecord('asye-learning-agreement', 'learning-agreement', '2027-01-04');
    const draft = milestoneRecord('direct-observation', 'observation', '2027-11-30', false);
    expect(milestoneDone(la)).toEqual({ kind: 'asye-learning-agreement', on: '2027-01-04' });
    expect(milestoneDone(draft)).toBeUndefined();
    const h = historyOf(agreement, storedFor(spec).sessions, [la, draft, milestoneRecord('agreement-review', 'review', '2027-12-20')]);
    expect(h).toMatchObject({ learningAgreementOn: '2027-01-04', directObservations: [], agreement: { reviews: ['2027-12-20'] } });
    // The learning agreement's record on the first session's day leaves the session as it was.
    expect(h.sessions?.map((s) => `${s.date} ${s.status}`)).toEqual(['2027-01-04 held']);
  });

  it('Sefton ¶3.14 (L102) SE-D8: a 6-month ASYE review never held stays breached when the 12-month one is held, instead of the 12-month review counting for it', () => {
    const records = [
      milestoneRecord('asye-learning-agreement', 'learning-agreement', '2027-01-04'),
      milestoneRecord('asye-review', 'month-3', '2027-04-05'),
      milestoneRecord('asye-review', 'month-12', '2028-01-04'),
    ];
    expect(asye(records, '2028-01-10')).toEqual(expect.arrayContaining([
      'asye-learning-agreement learning-agreement met', 'asye-review month-3 met', 'asye-review month-6 breached', 'asye-review month-12 met',
    ]));
  });

  it('Sefton ¶4.6 (L140) SE-D9 and ¶4.9 (L148) SE-D11: the observation and the PDR recorded on their cards meet their obligations; left unrecorded they are breached', () => {
    const done = [milestoneRecord('direct-observation', 'observation', '2027-11-30'), milestoneRecord('pdr', 'pdr', '2027-12-07')];
    expect(asye(done, '2028-01-20')).toEqual(expect.arrayContaining(['direct-observation after-2027-01-04 met', 'pdr after-2027-01-04 met']));
    expect(asye([], '2028-01-20')).toEqual(expect.arrayContaining(['direct-observation after-2027-01-04 breached']));
  });
});
