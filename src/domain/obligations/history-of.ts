/**
 * The obligations engine's history from what the product stores: the agreement, its planned
 * sessions, their records and the tracked actions. Pure, so the sweep, the compliance report and
 * "rebook now" (is this booked session missed, or did it take place?) read the facts one way.
 */
import { utcToLondon } from '../calendar/london-time.js';
import type { LocalDate } from '../calendar/types.js';
import type { Agreement, PlannedSession, Signature } from '../agreements/types.js';
import type { SessionRecord, TrackedAction } from '../records/schema.js';
import { casesOf } from './case-discussions.js';
import type { HistoryInput } from './history.js';

type HistorySession = NonNullable<HistoryInput['sessions']>[number];
type RecordFacts = NonNullable<HistorySession['record']>;

const londonDate = (iso: string): string => utcToLondon(iso).date;
const signedOn = (s: Signature | undefined): string | undefined => (s ? londonDate(s.signedAt) : undefined);

/** Sessions that have happened (or were called off); planned and booked ones are not facts yet. */
const PAST: Partial<Record<PlannedSession['status'], 'held' | 'postponed' | 'cancelled'>> = { held: 'held', postponed: 'postponed', cancelled: 'cancelled' };

/**
 * What the record says about its session (src/domain/records/schema.ts), as Europe/London dates:
 * shared when its first version was shared; signed by each party when their signature covers the
 * latest version (an amended record must be signed again, DESIGN.md "Signatures").
 */
export function recordFacts(record: SessionRecord): RecordFacts {
  const first = record.versions[0];
  const latest = record.versions[record.versions.length - 1];
  return {
    ...(first ? { sharedOn: londonDate(first.sharedAt) } : {}),
    ...(latest ? { signedBySupervisor: londonDate(latest.supervisorSignature.signedAt) } : {}),
    ...(latest?.superviseeSignature ? { signedBySupervisee: londonDate(latest.superviseeSignature.signedAt) } : {}),
  };
}

/**
 * Whether a record shows its session took place. A record with a shared version does. A draft
 * does too (the record card is opened when the meeting ends), except one reopened for a rebooked
 * session (lifecycle.ts reopenForRebookedSession) that nothing has happened to since: its new
 * meeting may still be ahead, so the planned session decides until the record card goes again
 * after that meeting or a draft is saved.
 */
export function recordShowsHeld(record: SessionRecord): boolean {
  if (record.status === 'not-held') return false;
  if (record.versions.length > 0) return true;
  const reopened = record.history.filter((e) => e.event === 'reopened').map((e) => e.at).sort().pop();
  if (reopened === undefined) return true;
  return (record.cardSentAt !== undefined && record.cardSentAt > reopened) || (record.draftSavedAt !== undefined && record.draftSavedAt > reopened);
}

/**
 * The review or milestone a record stands for (issue 14 item 1), once its supervisor has recorded
 * and signed that it took place (a shared version): done on the day it was held.
 */
export function milestoneDone(record: SessionRecord): { readonly kind: NonNullable<SessionRecord['kind']>; readonly on: LocalDate } | undefined {
  const latest = record.versions[record.versions.length - 1];
  if (!record.kind || record.status === 'not-held' || !latest) return undefined;
  return { kind: record.kind, on: latest.content.milestone?.heldOn ?? record.sessionDate };
}

/** The dates each kind of review or milestone was done on, from their records. */
function milestoneFacts(records: readonly SessionRecord[]) {
  const done = records.flatMap((r) => milestoneDone(r) ?? []);
  const on = (kind: NonNullable<SessionRecord['kind']>): LocalDate[] => [...new Set(done.filter((m) => m.kind === kind).map((m) => m.on))].sort();
  const learningAgreement = on('asye-learning-agreement')[0];
  return {
    reviews: on('agreement-review'),
    history: {
      ...(learningAgreement ? { learningAgreementOn: learningAgreement } : {}),
      asyeReviews: on('asye-review'), pdrs: on('pdr'), pdrReviews: on('pdr-review'), directObservations: on('direct-observation'),
    },
  };
}

/** The agreement's reviews it holds itself: the reviewed agreement both signed (issue 14 item 3). */
function reviewsOf(agreement: Agreement): LocalDate[] {
  return agreement.renewedBy ? [agreement.renewedBy.signedOn] : [];
}

/**
 * The obligations engine's history (history.ts) from what the stores hold:
 * - a session with a record took place (held), whatever the planned session's status says
 *   (recordShowsHeld: not a draft reopened for a rebooked meeting that has not happened yet);
 * - a record marked not held (postponed or cancelled, with its reason) is that outcome;
 * - a rebooked session keeps each postponement (Camden §7 (L142): reason and new date) as a
 *   postponed session on the date it moved from;
 * - a booked session in the past with neither record nor "held" counts as not held: that is how
 *   a missed session shows up as a lapse.
 * - the agreement's review: the day both signed the reviewed agreement that renews it (issue 14
 *   item 3, `renewedBy`; the stopgap `agreementfacts` table is gone);
 * Reviews and milestones (issue 14 item 1) have records of their own kind: each one shared is
 * done on the day it was held (milestoneDone), an agreement review among the agreement's reviews.
 * Tracked actions (Sefton App 3 (L662)) become action obligations.
 */
export function historyOf(
  agreement: Agreement,
  sessions: readonly PlannedSession[],
  records: readonly SessionRecord[],
  actions: readonly TrackedAction[] = [],
): HistoryInput {
  const t = agreement.terms;
  const supervisor = signedOn(agreement.signatures.supervisor);
  const supervisee = signedOn(agreement.signatures.supervisee);
  // A review or milestone's record is not a supervision session's (issue 14 item 1).
  const bySession = new Map(records.filter((r) => !r.kind).map((r) => [r.sessionId, r]));
  const milestones = milestoneFacts(records.filter((r) => r.kind));
  const byDate = new Map<string, HistorySession>();
  const put = (s: HistorySession): void => {
    const known = byDate.get(s.date);
    // Two facts on one day: a held session wins over a called-off one.
    if (!known || (known.status !== 'held' && s.status === 'held')) byDate.set(s.date, s);
  };
  for (const s of sessions) {
    for (const p of s.postponements ?? []) {
      if (p.fromDate !== p.toDate) put({ date: p.fromDate, status: 'postponed', reason: p.reasonId ?? p.reason, rebookedTo: p.toDate });
    }
    const record = bySession.get(s.sessionId);
    bySession.delete(s.sessionId);
    if (record?.status === 'not-held' && record.notHeld) {
      put({ date: record.sessionDate, status: record.notHeld.outcome, reason: record.notHeld.reason });
      continue;
    }
    if (record && recordShowsHeld(record)) {
      put({ date: record.sessionDate, status: 'held', record: recordFacts(record) });
      continue;
    }
    const status = PAST[s.status];
    if (status) put({ date: s.date, status });
  }
  // A record whose planned session is gone (or was never planned) is still a fact.
  for (const record of bySession.values()) {
    if (record.status === 'not-held' && record.notHeld) put({ date: record.sessionDate, status: record.notHeld.outcome, reason: record.notHeld.reason });
    else if (recordShowsHeld(record)) put({ date: record.sessionDate, status: 'held', record: recordFacts(record) });
  }
  return {
    agreement: {
      role: t.roleId, employmentStart: t.employmentStart, agreementDate: t.agreementDate, supervisor: t.supervisorId, supervisee: t.superviseeId,
      signed: { ...(supervisor ? { supervisor } : {}), ...(supervisee ? { supervisee } : {}) },
      reviews: [...new Set([...reviewsOf(agreement), ...milestones.reviews])].sort(),
      ...(t.progressReviewDate ? { progressReviewDate: t.progressReviewDate } : {}),
      ...(t.agreedFrequency ? { agreedFrequency: t.agreedFrequency } : {}),
    },
    sessions: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    // The case items the shared records mark with a category and "discussed" (issue 14 item 2).
    cases: casesOf(records),
    ...milestones.history,
    // Done or dropped by its date: never late, so never escalated; leaving it out keeps a year of
    // actions from weighing on every day's evaluation.
    actions: actions.filter((a) => a.status === 'open' || londonDate(a.updatedAt) > a.due).map((a) => ({
      id: a.actionId, ownerId: a.ownerId, text: a.text, due: a.due,
      ...(a.status !== 'open' ? { closedOn: londonDate(a.updatedAt), outcome: a.status } : {}),
    })),
  };
}
