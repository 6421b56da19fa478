import { noClientRetry, sendOne, type CalendarContext } from './graph-request.js';

/**
 * POST /users/{id}/events/{id}/cancel: the organiser cancels, and Outlook tells the attendees
 * with the comment. Retried like any single request.
 */
export async function cancelEvent(context: CalendarContext, mailboxId: string, eventId: string, comment: string): Promise<void> {
  await sendOne(
    context,
    mailboxId,
    'cancel',
    (signal) =>
      context.client
        .api(`/users/${encodeURIComponent(mailboxId)}/events/${encodeURIComponent(eventId)}/cancel`)
        .middlewareOptions(noClientRetry())
        .option('signal', signal)
        .post({ comment }) as Promise<unknown>,
    // A resend after a lost answer finds the event already cancelled (gone): that is success.
    (status, attempt) => status === 404 && attempt > 1,
  );
}
