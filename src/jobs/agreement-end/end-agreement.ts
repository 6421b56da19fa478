import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import { agreementKey, listSessions, sessionKey } from '../booking/stores.js';
import type { SyncNotice } from '../calendar-sync/notices.js';

export type EndReason = 'change-of-supervisor' | 'agreement-ended' | 'annual-review';

export interface EndAgreementDeps {
  readonly calendar: CalendarGateway;
  readonly agreements: VersionedStore<Agreement>;
  readonly sessions: VersionedStore<PlannedSession>;
  readonly notices: VersionedStore<SyncNotice>;
  readonly now: () => string;
}

const explanations: Record<EndReason, string> = {
  // Sefton ¶8.1 (L251) / App 1 note (L466): the agreement is reviewed on a change of supervisor;
  // Camden §6 (L86): negotiated when the social worker changes manager.
  'change-of-supervisor': 'The supervisor has changed, so a new supervision agreement is needed (Sefton ¶8.1; Camden §6).',
  'agreement-ended': 'The supervision agreement has ended.',
  // Sefton ¶8.1 (L251) "normally after 12 months"; Leeds §B (L97) "reviewed annually".
  'annual-review': 'The agreement is due for its review, so the remaining sessions will be booked under the reviewed agreement.',
};

function isGone(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { statusCode?: number }).statusCode === 404 || (isAppError(error) && error.code === 'not_found'));
}

/**
 * Ends an agreement (issue 4 item 6): future sessions are cancelled in Outlook with a message to
 * both people, and a new agreement is required. The agreement is marked ended first, then each
 * future session is cancelled and recorded one by one, so running it again after a crash finishes
 * what is left and never sends a second cancellation or a second notice.
 */
export async function endAgreement(deps: EndAgreementDeps, agreementId: string, reason: EndReason, byPersonId: string): Promise<{ cancelled: number }> {
  const stored = await deps.agreements.get(agreementKey(agreementId));
  if (!stored) throw new AppError('not_found', 'There is no such agreement.');
  const agreement = stored.value;
  if (byPersonId !== agreement.terms.supervisorId && byPersonId !== agreement.terms.superviseeId) {
    throw new AppError('forbidden', 'Only the two people who signed an agreement can end it.');
  }
  if (agreement.status !== 'ended') {
    await deps.agreements.replace(agreementKey(agreementId), { ...agreement, status: 'ended', updatedAt: deps.now() }, stored.etag);
  }

  const nowMs = parseInstant(deps.now());
  const message = explanations[reason];
  let cancelled = 0;
  for (const item of await listSessions(deps.sessions, agreementId)) {
    const session = item.value;
    const future = parseInstant(session.startUtc) > nowMs;
    if (!future || session.status === 'cancelled' || session.status === 'held') continue;
    if (session.eventId && (session.status === 'booked' || session.status === 'moved')) {
      try {
        await deps.calendar.cancelEvent(agreement.terms.supervisorId, session.eventId, message);
      } catch (error) {
        // Already cancelled or deleted in Outlook: the outcome is the one wanted.
        if (!isGone(error)) throw error;
      }
    }
    await deps.sessions.replace(sessionKey(agreementId, session.sessionId), { ...session, status: 'cancelled' }, item.etag);
    cancelled++;
  }

  for (const recipientId of [agreement.terms.supervisorId, agreement.terms.superviseeId]) {
    const notice: SyncNotice = {
      kind: 'agreement-ended', recipientId, agreementId, sessionId: '-', createdAt: deps.now(), date: '', start: '', cause: reason,
      violations: [{ rule: reason === 'agreement-ended' ? '' : 'Sefton ¶8.1 (L251); Camden §6 (L86)', reason: message }],
    };
    try {
      await deps.notices.create({ partition: recipientId, id: `${agreementId}:ended` }, notice);
    } catch (error) {
      if (!(isAppError(error) && error.code === 'conflict')) throw error;
    }
  }
  return { cancelled };
}
