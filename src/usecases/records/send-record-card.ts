import type { PlannedSession } from '../../domain/agreements/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';
import type { RecordDeps } from './deps.js';
import { openRecordForSession } from './open-record.js';
import { afterFinal } from './finalise.js';
import { meetingOver } from './records-to-write.js';

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

/**
 * One pass: every booked agreement's sessions whose scheduled end + 15 minutes has passed and
 * whose record card has not gone out; also any final record whose hand-over to filing (onFinal)
 * did not complete. Returns what happened, per outcome.
 */
export async function dueRecordCards(deps: RecordCardDeps, nowIso: string): Promise<Record<RecordCardOutcome | 'failed' | 'filing-requested', number>> {
  const counts: Record<RecordCardOutcome | 'failed' | 'filing-requested', number> = { sent: 0, unreachable: 0, 'already-sent': 0, 'not-ended': 0, 'not-booked': 0, failed: 0, 'filing-requested': 0 };
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const sessions = await deps.agreements.sessions(agreement.id);
    const records = new Map((await deps.records.list(agreement.id)).map((r) => [r.sessionId, r]));
    for (const record of records.values()) {
      // Recovery: a final record whose hand-over to filing did not complete (crash, failed hook).
      if (record.status !== 'final' || record.filingRequestedAt) continue;
      try {
        await afterFinal(deps, record);
        counts['filing-requested'] += 1;
      } catch (error) {
        counts.failed += 1;
        deps.log?.warn('record_cards.after_final_failed', { agreementId: agreement.id, sessionId: record.sessionId, ...errorFields(error) });
      }
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
  return counts;
}

/**
 * The Teams meeting-end event: the bot knows the meeting's join URL (or the session id). Finds
 * the session and sends its record card through the same exactly-once path.
 */
export async function recordCardForMeetingEnd(deps: RecordCardDeps, joinUrlOrSessionId: string): Promise<RecordCardOutcome | 'unknown-meeting'> {
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
