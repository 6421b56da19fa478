import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { ZChangeNotifications, ZLifecycleNotifications } from './jobs/calendar-sync/change-subscriptions.js';

/** Graph's endpoint validation (change-notifications-delivery-webhooks.md): the token back as text within 10 seconds. */
function answeredValidation(req: Request, res: Response): boolean {
  const token = typeof req.query?.validationToken === 'string' ? req.query.validationToken : undefined;
  if (token === undefined) return false;
  res.header('content-type', 'text/plain');
  res.sendRaw(200, token);
  return true;
}

/**
 * POST /api/graph-notifications (change-notifications-delivery-webhooks.md): Graph's subscription
 * handshake echoes the validationToken as text/plain within 10 seconds; a notification batch is
 * answered 202 at once, then the mailboxes it really concerns (matching subscription and
 * clientState) are brought in step in the background.
 */
export function graphNotificationsRoute(deps: {
  readonly mailboxesOf: (body: z.infer<typeof ZChangeNotifications>) => Promise<string[]>;
  readonly sync: (mailbox: string) => void;
}): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    if (answeredValidation(req, res)) return;
    const parsed = ZChangeNotifications.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: 'invalid_input', message: 'Not a change notification.' } });
      return;
    }
    res.send(202);
    for (const mailbox of await deps.mailboxesOf(parsed.data)) deps.sync(mailbox);
  };
}

/**
 * POST /api/graph-lifecycle, the subscriptions' lifecycleNotificationUrl
 * (change-notifications-lifecycle-events.md): validated like the notificationUrl; a batch is
 * answered 202 at once and handled after (renew, make again, resync), each item only for the
 * product's own subscription and clientState.
 */
export function graphLifecycleRoute(deps: {
  readonly handle: (body: z.infer<typeof ZLifecycleNotifications>) => Promise<unknown>;
  readonly track: (work: Promise<unknown>) => void;
}): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    if (answeredValidation(req, res)) return;
    const parsed = ZLifecycleNotifications.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: 'invalid_input', message: 'Not a lifecycle notification.' } });
      return;
    }
    res.send(202);
    deps.track(deps.handle(parsed.data));
  };
}
