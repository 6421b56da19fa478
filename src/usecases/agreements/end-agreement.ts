import { parseInstant } from '../../domain/calendar/instant.js';
import { AppError, isAppError } from '../../domain/errors.js';
import type { CalendarGateway } from '../../domain/ports/calendar.js';
import type { SyncNotice } from '../../domain/sessions/notice.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { MilestoneRepository } from '../../repositories/milestones.js';
import type { NoticeRepository } from '../../repositories/notices.js';

export type EndReason = 'change-of-supervisor' | 'agreement-ended' | 'annual-review';

export interface EndAgreementDeps {
  readonly calendar: CalendarGateway;
  readonly agreements: AgreementRepository;
  readonly notices: NoticeRepository;
  readonly now: () => string;
  /** The year's reviews and milestones (issue 14 item 1): the future ones are cancelled with the sessions. */
  readonly milestones?: MilestoneRepository | undefined;
}

const explanations: Record<EndReason, string> = {
  // Sefton ¶8.1 (L251) / App 1 note (L466): the agreement is reviewed on a change of supervisor;
  // Camden §6 (L86): negotiated when the social worker changes manager.
  // People read it: no pack's name or paragraph, which may not be this council's policy (issue 15 item 3).
  'change-of-supervisor': 'The supervisor has changed, so a new supervision agreement is needed.',
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
  const agreement = await deps.agreements.get(agreementId);
  if (!agreement) throw new AppError('not_found', 'There is no such agreement.');
  // The supervisor ends it (the card is theirs): a supervisee who asks is refused, and the refusal
  // audited by the conversation, rather than every future session being cancelled (issue 16 M1).
  if (byPersonId !== agreement.terms.supervisorId) {
    throw new AppError('forbidden', byPersonId === agreement.terms.superviseeId
      ? 'Only your supervisor can end your supervision agreement. If it should end, ask them, or their manager.'
      : 'Only the supervisor of this agreement can end it.');
  }
  if (agreement.status !== 'booked' && agreement.status !== 'signed' && agreement.status !== 'ended') {
    throw new AppError('conflict', 'This agreement is not signed yet, so there is nothing booked to end.');
  }
  const endedAt = deps.now();
  await deps.agreements.update(agreementId, (current) => (current.status === 'ended' ? undefined : { ...current, status: 'ended', updatedAt: endedAt }));

  const nowMs = parseInstant(deps.now());
  const message = explanations[reason];
  let cancelled = 0;
  for (const session of await deps.agreements.sessions(agreementId)) {
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
    // Cancelled whatever else changed meanwhile (a move, a record card): the agreement has ended.
    const { changed } = await deps.agreements.updateSession(agreementId, session.sessionId, (current) => (current.status === 'cancelled' || current.status === 'held' ? undefined : { ...current, status: 'cancelled' }));
    if (changed) cancelled++;
  }

  // The year's reviews and milestones still ahead go with it, the same way (issue 14 item 1).
  for (const m of deps.milestones ? await deps.milestones.list(agreementId) : []) {
    if (parseInstant(m.startUtc) <= nowMs || m.status === 'cancelled' || m.status === 'held') continue;
    if (m.eventId && m.status === 'booked') {
      try {
        await deps.calendar.cancelEvent(agreement.terms.supervisorId, m.eventId, message);
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    }
    await deps.milestones?.apply(agreementId, m.milestoneId, (current) =>
      !current || current.status === 'cancelled' || current.status === 'held' ? { result: undefined } : { next: { ...current, status: 'cancelled' as const }, result: undefined });
  }

  for (const recipientId of [agreement.terms.supervisorId, agreement.terms.superviseeId]) {
    const notice: SyncNotice = {
      kind: 'agreement-ended', recipientId, agreementId, sessionId: '-', createdAt: deps.now(), date: '', start: '', cause: reason,
      violations: [{ rule: reason === 'agreement-ended' ? '' : 'Sefton ¶8.1 (L251); Camden §6 (L86)', reason: message }],
    };
    await deps.notices.add(`${agreementId}:ended`, notice);
  }
  return { cancelled };
}
