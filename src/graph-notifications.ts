import type { Request, Response } from 'restify';
import { ZChangeNotifications } from './jobs/calendar-sync/change-subscriptions.js';

/**
 * POST /api/graph-notifications (change-notifications-delivery-webhooks.md): Graph's subscription
 * handshake echoes the validationToken as text/plain within 10 seconds; a notification batch is
 * answered 202 at once, then the mailboxes it really concerns (matching subscription and
 * clientState) are brought in step in the background.
 */
export function graphNotificationsRoute(deps: {
  readonly mailboxesOf: (body: import('zod').infer<typeof ZChangeNotifications>) => Promise<string[]>;
  readonly sync: (mailbox: string) => void;
}): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const token = typeof req.query?.validationToken === 'string' ? req.query.validationToken : undefined;
    if (token !== undefined) {
      res.header('content-type', 'text/plain');
      res.sendRaw(200, token);
      return;
    }
    const parsed = ZChangeNotifications.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: 'invalid_input', message: 'Not a change notification.' } });
      return;
    }
    res.send(202);
    for (const mailbox of await deps.mailboxesOf(parsed.data)) deps.sync(mailbox);
  };
}
