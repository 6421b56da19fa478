import { AppError } from '../../domain/errors.js';
import type { PlannedSession } from '../../domain/agreements/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { Notifier } from '../../conversation/notifier.js';
import { card } from '../../conversation/reply.js';
import { editCardFor } from '../../conversation/records/flow.js';
import type { Logger } from '../../observability/logger.js';
import type { RecordDeps } from '../../usecases/records/deps.js';
import { openRecordForSession } from '../../usecases/records/open-record.js';
import { afterFinal } from '../../usecases/records/finalise.js';
import { meetingOver } from '../../usecases/records/records-to-write.js';
import { AGREEMENT_PARTITION, listSessions, sessionKey } from '../booking/stores.js';
import { listPartition } from '../list-partition.js';
import { recordKey } from './stores.js';
import { runExclusive } from '../../adapters/storage/lease-lock.js';
import type { LeaseLock } from '../../domain/ports/storage.js';

/**
 * The record card goes to the supervisor when the meeting ends (issue 5 item 2): at the
 * scheduled end plus 15 minutes (this job), or on the Teams meeting-end event
 * (recordCardForMeetingEnd). Exactly once: the record is created create-only, then the send is
 * claimed by writing cardSentAt with the ETag read, so of two instances only one sends; a send
 * that fails releases the claim for the next pass.
 */
export interface RecordCardDeps extends RecordDeps {
  readonly notifier: Notifier;
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
  const key = recordKey(agreementId, sessionId);
  const [stored, session] = await Promise.all([deps.stores.records.get(key), deps.stores.sessions.get(sessionKey(agreementId, sessionId))]);
  if (!stored || !session || stored.value.status !== 'draft' || !cardDue(session.value, stored.value)) return 'already-sent';
  const claimed: SessionRecord = { ...stored.value, cardSentAt: deps.now() };
  let etag: string;
  try {
    etag = await deps.stores.records.replace(key, claimed, stored.etag);
  } catch (error) {
    if (error instanceof AppError && error.code === 'precondition_failed') return 'already-sent'; // another instance claimed it
    throw error;
  }
  const release = async () => {
    const { cardSentAt: _sent, ...rest } = claimed;
    await deps.stores.records.replace(key, stored.value.cardSentAt ? { ...rest, cardSentAt: stored.value.cardSentAt } : rest, etag).catch(() => undefined);
  };
  try {
    const rendered = await editCardFor(deps, claimed);
    const outcome = await deps.notifier.notify(claimed.supervisor.id, [card(rendered, `Time to write the record of supervision with ${claimed.supervisee.name}`)]);
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
  const agreements = await listPartition(deps.stores.agreements, AGREEMENT_PARTITION);
  for (const { value: agreement } of agreements) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const sessions = await listSessions(deps.stores.sessions, agreement.id);
    const records = new Map((await listPartition(deps.stores.records, agreement.id)).map((r) => [r.value.sessionId, r.value]));
    for (const record of records.values()) {
      // Recovery: a final record whose hand-over to filing did not complete (crash, failed hook).
      if (record.status !== 'final' || record.filingRequestedAt) continue;
      try {
        await afterFinal(deps, record);
        counts['filing-requested'] += 1;
      } catch (error) {
        counts.failed += 1;
        deps.log?.warn('record_cards.after_final_failed', { agreementId: agreement.id, sessionId: record.sessionId, error: error instanceof Error ? error.name : 'unknown' });
      }
    }
    for (const { value: session } of sessions) {
      if (!dueSession(session, nowIso)) continue;
      if (!cardDue(session, records.get(session.sessionId))) continue;
      try {
        counts[await sendRecordCard(deps, agreement.id, session.sessionId)] += 1;
      } catch (error) {
        counts.failed += 1;
        deps.log?.warn('record_cards.send_failed', { agreementId: agreement.id, sessionId: session.sessionId, error: error instanceof Error ? error.name : 'unknown' });
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
  const agreements = await listPartition(deps.stores.agreements, AGREEMENT_PARTITION);
  for (const { value: agreement } of agreements) {
    if (agreement.status !== 'booked' && agreement.status !== 'ended') continue;
    const sessions = await listSessions(deps.stores.sessions, agreement.id);
    const session = sessions.find((s) => s.value.sessionId === joinUrlOrSessionId || (s.value.joinUrl !== undefined && s.value.joinUrl === joinUrlOrSessionId))?.value;
    if (!session) continue;
    if (session.status !== 'booked' && session.status !== 'moved') return 'not-booked';
    return sendRecordCard(deps, agreement.id, session.sessionId);
  }
  return 'unknown-meeting';
}

/** Runs dueRecordCards now and every intervalMs until the signal aborts; resolves when stopped. */
export function startRecordCardScheduler(options: {
  readonly deps: RecordCardDeps;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
  readonly log?: Logger | undefined;
  /** With a lease, one instance scans at a time (the per-session claim already stops duplicates; this saves the reads). */
  readonly lock?: LeaseLock | undefined;
}): Promise<void> {
  const { deps, intervalMs, signal, log, lock } = options;
  let running: Promise<unknown> = Promise.resolve();
  const pass = async () => {
    if (!lock) return dueRecordCards(deps, deps.now());
    const outcome = await runExclusive(lock, 'record-cards', 60, () => dueRecordCards(deps, deps.now()));
    return outcome.ran ? outcome.result : undefined;
  };
  const tick = () => {
    if (signal.aborted) return;
    running = pass()
      .then((counts) => {
        if (!counts) return;
        if (counts.sent + counts.failed > 0) log?.info('record_cards.done', { ...counts });
        else log?.debug('record_cards.done', { ...counts });
      })
      .catch((error: unknown) => log?.warn('record_cards.failed', { error: error instanceof Error ? error.name : 'unknown' }));
  };
  return new Promise<void>((resolve) => {
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    const first = setTimeout(tick, 0);
    first.unref();
    const stop = () => {
      clearInterval(timer);
      clearTimeout(first);
      void running.then(() => resolve(), () => resolve());
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}
