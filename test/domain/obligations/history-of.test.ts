import { describe, expect, it } from 'vitest';
import { historyOf, recordFacts, recordShowsHeld } from '../../../src/domain/obligations/history-of.js';
import { agreementOf, recordOf, storedFor, type AgreementSpec } from '../../jobs/sweep/support.js';

const spec: AgreementSpec = {
  id: 'h1', policyId: 'camden', roleId: 'social-worker', supervisorId: 'tm', superviseeId: 'sw', agreementDate: '2026-01-05',
  sessions: [
    { date: '2026-01-13', status: 'held' },
    { date: '2026-02-10', status: 'booked' },
    { date: '2026-03-10', status: 'booked' },
    { date: '2026-04-14', status: 'booked' },
  ],
  facts: { postponements: { '2026-04-14': { reason: 'manager-sick', rebookedTo: '2026-04-16' } } },
};

describe('history from the real records (issue 6 item 1)', () => {
  it('first version shared → sharedOn; signatures on the latest version → signed dates, as Europe/London dates', () => {
    // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April: the London date counts.
    const r = recordOf(spec, 'h1-s001', '2026-01-13', { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-15' });
    const late = { ...r, versions: [r.versions[0]!, { ...r.versions[0]!, version: 2, sharedAt: '2026-03-31T23:30:00Z', supervisorSignature: { ...r.versions[0]!.supervisorSignature, signedAt: '2026-03-31T23:30:00Z' }, superviseeSignature: undefined }] };
    expect(recordFacts(r)).toEqual({ sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-15' });
    // Amended after sharing: shared when first shared; the supervisee has not signed the latest version.
    expect(recordFacts(late)).toEqual({ sharedOn: '2026-01-14', signedBySupervisor: '2026-04-01' });
  });

  it('a session with a record was held; a not-held record is its outcome; a rebooked session keeps its postponement; a past booked one is missing', () => {
    const stored = storedFor(spec);
    const held = recordOf(spec, 'h1-s001', '2026-01-13', { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-14' });
    const notHeld = { ...recordOf(spec, 'h1-s003', '2026-03-10', {}), status: 'not-held' as const, notHeld: { outcome: 'cancelled' as const, reason: 'supervisee-sick', at: '2026-03-09T10:00:00Z' } };
    // The April session was rebooked to the 16th: the planned session moved, its postponement stays.
    const sessions = stored.sessions.map((s) => (s.date === '2026-04-14' ? { ...s, date: '2026-04-16', status: 'booked' as const } : s));
    const h = historyOf({ ...agreementOf(spec), renewedBy: { agreementId: 'h1-next', signedOn: '2026-06-01', from: '2027-01-05' } }, sessions, [held, notHeld], []);
    expect(h.sessions).toEqual([
      { date: '2026-01-13', status: 'held', record: { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-14' } },
      { date: '2026-03-10', status: 'cancelled', reason: 'supervisee-sick' },
      { date: '2026-04-14', status: 'postponed', reason: 'manager-sick', rebookedTo: '2026-04-16' },
    ]);
    expect(h.agreement.reviews).toEqual(['2026-06-01']);
  });

  it('a record reopened for the rebooked meeting counts as held only once the card went again after that meeting (or a draft was saved)', () => {
    const base = recordOf(spec, 'h1-s004', '2026-04-16', {});
    const reopened = { ...base, history: [{ at: '2026-04-13T09:00:00Z', by: 'system', event: 'reopened' as const }] };
    const stored = storedFor(spec).sessions.map((s) => (s.sessionId === 'h1-s004' ? { ...s, date: '2026-04-16', status: 'booked' as const } : s));
    const dates = (r: typeof base) => historyOf(agreementOf(spec), stored, [r]).sessions?.filter((s) => s.status === 'held' && s.date > '2026-04-01').map((s) => s.date);
    expect(recordShowsHeld(base)).toBe(true);
    expect(dates(reopened)).toEqual([]);
    expect(dates({ ...reopened, cardSentAt: '2026-04-16T11:05:00Z' })).toEqual(['2026-04-16']);
    expect(dates({ ...reopened, draftSavedAt: '2026-04-16T12:00:00Z' })).toEqual(['2026-04-16']);
  });

  it('tracked actions: open ones keep their due date, late-closed ones the London date they closed; closed on time ones can never lapse and are left out', () => {
    const s = storedFor({ ...spec, actions: [
      { id: 'x1', ownerId: 'sw', due: '2026-02-01' },
      { id: 'x2', ownerId: 'tm', due: '2026-02-01', status: 'done', closedOn: '2026-01-30' },
      { id: 'x3', ownerId: 'tm', due: '2026-02-01', status: 'dropped', closedOn: '2026-02-03' },
    ] });
    const h = historyOf(agreementOf(spec), [], [], s.actions);
    expect(h.actions).toEqual([
      { id: 'x1', ownerId: 'sw', text: 'action x1', due: '2026-02-01' },
      { id: 'x3', ownerId: 'tm', text: 'action x3', due: '2026-02-01', closedOn: '2026-02-03', outcome: 'dropped' },
    ]);
  });
});
