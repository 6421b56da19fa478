import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';
import type { RecordDeps } from './deps.js';
import { openRecordForSession } from './open-record.js';
import { afterFinal } from './finalise.js';
import { meetingOver } from './records-to-write.js';
import type { PassIndex } from '../../repositories/pass-index.js';

/**
 * The record card goes to the supervisor when the meeting ends (issue 5 item 2): at the
 * scheduled end plus 15 minutes (this job), or on the Teams meeting-end event
 * (recordCardForMeetingEnd). Exactly once: the record is created create-only, then the send is
 * claimed by writing cardSentAt with the ETag read, so of two instances only one sends; a send
 * that fails releases the claim for the next pass.
 */
export interface RecordCardDeps extends RecordDeps {
  /**
   * Puts the record card in front of the record's supervisor (the conversation layer renders it
   * and the bot sends it to their chat); 'unreachable' when there is no chat to send to yet.
   */
  readonly deliverCard: (record: SessionRecord) => Promise<'delivered' | 'unreachable'>;
  readonly log?: Logger | undefined;
}

export type RecordCardOutcome = 'sent' | 'unreachable' | 'already-sent' | 'not-ended' | 'not-booked';

/**
 * Whether this session's record card is still to send: no record yet; a draft whose card went
 * out before this meeting started (it was for the session's first date, before a rebooking); or a
 * record marked not held before the session was rebooked.
 */
export function cardDue(session: PlannedSession, record: SessionRecord | undefined): boolean {
  if (!record) return true;
  if (record.status === 'draft') return !record.cardSentAt || record.cardSentAt < session.startUtc;
  if (record.status === 'not-held') return record.notHeld !== undefined && record.notHeld.at < session.startUtc;
  return false;
}

/** Sends one session's record card unless it went already. */
export async function sendRecordCard(deps: RecordCardDeps, agreementId: string, sessionId: string): Promise<RecordCardOutcome> {
  await openRecordForSession(deps, agreementId, sessionId); // creates it, or follows a rebooking
  const session = await deps.agreements.session(agreementId, sessionId);
  if (!session) return 'already-sent';
  const sentAt = deps.now();
  // The claim: cardSentAt written under the ETag read, decided on what is stored at write time,
  // so of two instances exactly one finds the card still due and sends it.
  const claim = await deps.records.apply(agreementId, sessionId, (stored) => {
    if (!stored || stored.status !== 'draft' || !cardDue(session, stored)) return { result: undefined };
    const claimed: SessionRecord = { ...stored, cardSentAt: sentAt };
    return { next: claimed, result: { claimed, before: stored.cardSentAt } };
  });
  if (!claim) return 'already-sent';
  const { claimed, before } = claim;
  // Hands the card back for a later pass, unless something else changed the record meanwhile.
  const release = async () => {
    await deps.records.apply(agreementId, sessionId, (stored) => {
      if (!stored || stored.cardSentAt !== sentAt) return { result: undefined };
      const { cardSentAt: _sent, ...rest } = stored;
      return { next: before ? { ...rest, cardSentAt: before } : rest, result: undefined };
    }).catch(() => undefined);
  };
  try {
    const outcome = await deps.deliverCard(claimed);
    if (outcome === 'unreachable') {
      // Nobody to send to yet: let a later pass try again (they can also type "write record").
      await release();
      return 'unreachable';
    }
    return 'sent';
  } catch (error) {
    await release();
    throw error;
  }
}

function dueSession(s: PlannedSession, nowIso: string): boolean {
  return (s.status === 'booked' || s.status === 'moved') && meetingOver(s, nowIso);
}

type PassCounts = Record<RecordCardOutcome | 'failed' | 'filing-requested', number>;

/**
 * How many London days before today the pass reads the index's day lists: a meeting that ends
 * after midnight, a pass that did not run for a day. An owed card whose day leaves this window is
 * carried in the index's `card` list until it goes out.
 */
export const RECORD_CARD_LOOKBACK_DAYS = 2;
/** After a longer stop the pass catches up at most this far back; the sweep escalates older missing records. */
export const RECORD_CARD_CATCH_UP_DAYS = 62;

/**
 * One pass: every booked session whose scheduled end + 15 minutes has passed and whose record
 * card has not gone out; also any final record whose hand-over to filing (onFinal) did not
 * complete. Returns what happened, per outcome. It reads the pass index (the sessions of the last
 * few days, the owed cards, the final records), not every agreement; tables without an index are
 * read whole.
 */
export async function dueRecordCards(deps: RecordCardDeps, nowIso: string): Promise<PassCounts> {
  const counts: PassCounts = { sent: 0, unreachable: 0, 'already-sent': 0, 'not-ended': 0, 'not-booked': 0, failed: 0, 'filing-requested': 0 };
  const index = await deps.agreements.ensureIndexed(nowIso);
  if (!index) {
    await everyAgreement(deps, nowIso, counts);
    return counts;
  }
  await deps.records.ensureIndexed(nowIso, async () => (await deps.agreements.list()).map((a) => a.id));
  await fromIndex(deps, index, nowIso, counts);
  return counts;
}

/** An agreement read once per pass, however many of its sessions the pass looks at. */
function agreementsOnce(deps: RecordCardDeps): (agreementId: string) => Promise<Agreement | undefined> {
  const seen = new Map<string, Promise<Agreement | undefined>>();
  return (agreementId) => {
    let found = seen.get(agreementId);
    if (!found) seen.set(agreementId, (found = deps.agreements.get(agreementId)));
    return found;
  };
}

/**
 * What one occurrence of a session needs: 'settled' (its card went out, or is not owed), 'owed'
 * (due, and this pass could not send it) or 'open' (nothing to do now, but it may change: the
 * agreement is not booked, the session has moved or is postponed).
 */
async function occurrence(
  deps: RecordCardDeps,
  ref: { readonly agreementId: string; readonly sessionId: string; readonly startUtc?: string },
  nowIso: string,
  agreementOf: (agreementId: string) => Promise<Agreement | undefined>,
  counts: PassCounts,
): Promise<'settled' | 'owed' | 'open'> {
  const agreement = await agreementOf(ref.agreementId);
  if (!agreement || (agreement.status !== 'booked' && agreement.status !== 'ended')) return 'open';
  const session = await deps.agreements.session(ref.agreementId, ref.sessionId);
  // A session at another time now: the index's entry for that time stands for it.
  if (!session || (ref.startUtc !== undefined && session.startUtc !== ref.startUtc)) return 'open';
  if (!dueSession(session, nowIso)) return 'open';
  if (!cardDue(session, await deps.records.get(ref.agreementId, ref.sessionId))) return 'settled';
  try {
    const outcome = await sendRecordCard(deps, ref.agreementId, ref.sessionId);
    counts[outcome] += 1;
    return outcome === 'sent' || outcome === 'already-sent' ? 'settled' : 'owed';
  } catch (error) {
    counts.failed += 1;
    deps.log?.warn('record_cards.send_failed', { agreementId: ref.agreementId, sessionId: ref.sessionId, ...errorFields(error) });
    return 'owed';
  }
}

async function fromIndex(deps: RecordCardDeps, index: PassIndex, nowIso: string, counts: PassCounts): Promise<void> {
  const today = utcToLondon(nowIso).date;
  const windowFrom = addDays(today, -RECORD_CARD_LOOKBACK_DAYS);
  const carried = await index.cursor('record-cards');
  // After a stop, the days since the last day whose owed cards were carried into the card list.
  let from = windowFrom;
  if (carried !== undefined && carried < windowFrom) {
    const earliest = addDays(today, -RECORD_CARD_CATCH_UP_DAYS);
    from = addDays(carried, 1) > earliest ? addDays(carried, 1) : earliest;
  }
  const agreementOf = agreementsOnce(deps);
  const owedList = await index.markers('card');
  const listed = new Set(owedList.map((m) => `${m.value.agreementId}|${m.value.sessionId ?? ''}`));
  const handled = new Set<string>();
  for (let day = from; day <= today; day = addDays(day, 1)) {
    for (const entry of await index.sessionsOn(day)) {
      if (entry.value.cardSettled || !meetingOver(entry.value, nowIso)) continue;
      const ref = `${entry.value.agreementId}|${entry.value.sessionId}`;
      const state = await occurrence(deps, entry.value, nowIso, agreementOf, counts);
      handled.add(ref);
      if (state === 'settled') await index.settle(entry, 'cardSettled');
      // The day leaves the window after this pass: a card still owed goes on the card list.
      else if (state === 'owed' && day <= windowFrom && !listed.has(ref)) await index.mark('card', entry.value.agreementId, entry.value.sessionId);
    }
  }
  if (carried === undefined || carried < windowFrom) await index.setCursor('record-cards', windowFrom);

  // Cards owed from before the window (a supervisor the bot could not reach yet).
  for (const marker of owedList) {
    const { agreementId, sessionId } = marker.value;
    if (sessionId === undefined || handled.has(`${agreementId}|${sessionId}`)) continue;
    const state = await occurrence(deps, { agreementId, sessionId }, nowIso, agreementOf, counts);
    // Not owed any more: a later time for this session has its own day entry.
    if (state !== 'owed') await index.forget(marker);
  }

  // Recovery: a final record whose hand-over to filing did not complete (crash, failed hook).
  for (const marker of await index.markers('final')) {
    const { agreementId, sessionId } = marker.value;
    if (sessionId === undefined) continue;
    const record = await deps.records.get(agreementId, sessionId);
    if (record?.status === 'filed') {
      await index.forget(marker);
      continue;
    }
    if (record?.status !== 'final' || record.filingRequestedAt) continue;
    const agreement = await agreementOf(agreementId);
    if (!agreement || (agreement.status !== 'booked' && agreement.status !== 'ended')) continue;
    await handOver(deps, record, counts);
  }
}

async function handOver(deps: RecordCardDeps, record: SessionRecord, counts: PassCounts): Promise<void> {
  try {
    await afterFinal(deps, record);
    counts['filing-requested'] += 1;
  } catch (error) {
    counts.failed += 1;
    deps.log?.warn('record_cards.after_final_failed', { agreementId: record.agreementId, sessionId: record.sessionId, ...errorFields(error) });
  }
}

/** The pass on tables without an index: every agreement, its sessions and its records. */
async function everyAgreement(deps: RecordCardDeps, nowIso: string, counts: PassCounts): Promise<void> {
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const sessions = await deps.agreements.sessions(agreement.id);
    const records = new Map((await deps.records.list(agreement.id)).map((r) => [r.sessionId, r]));
    for (const record of records.values()) {
      if (record.status === 'final' && !record.filingRequestedAt) await handOver(deps, record, counts);
    }
    for (const session of sessions) {
      if (!dueSession(session, nowIso)) continue;
      if (!cardDue(session, records.get(session.sessionId))) continue;
      try {
        counts[await sendRecordCard(deps, agreement.id, session.sessionId)] += 1;
      } catch (error) {
        counts.failed += 1;
        deps.log?.warn('record_cards.send_failed', { agreementId: agreement.id, sessionId: session.sessionId, ...errorFields(error) });
      }
    }
  }
}

/**
 * The Teams meeting-end event: the bot knows the meeting's join URL (or the session id). Finds
 * the session and sends its record card through the same exactly-once path. A join URL is one
 * index read; a session id, or a meeting the index does not know, is looked for in every agreement.
 */
export async function recordCardForMeetingEnd(deps: RecordCardDeps, joinUrlOrSessionId: string): Promise<RecordCardOutcome | 'unknown-meeting'> {
  const index = await deps.agreements.ensureIndexed(deps.now());
  const ref = await index?.meeting(joinUrlOrSessionId);
  if (ref) {
    const [agreement, session] = await Promise.all([deps.agreements.get(ref.agreementId), deps.agreements.session(ref.agreementId, ref.sessionId)]);
    if (agreement && (agreement.status === 'booked' || agreement.status === 'ended') && session?.joinUrl === joinUrlOrSessionId) {
      if (session.status !== 'booked' && session.status !== 'moved') return 'not-booked';
      return sendRecordCard(deps, agreement.id, session.sessionId);
    }
  }
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const sessions = await deps.agreements.sessions(agreement.id);
    const session = sessions.find((s) => s.sessionId === joinUrlOrSessionId || (s.joinUrl !== undefined && s.joinUrl === joinUrlOrSessionId));
    if (!session) continue;
    if (session.status !== 'booked' && session.status !== 'moved') return 'not-booked';
    return sendRecordCard(deps, agreement.id, session.sessionId);
  }
  return 'unknown-meeting';
}
