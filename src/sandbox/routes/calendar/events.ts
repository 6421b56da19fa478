import type { Event } from '@microsoft/microsoft-graph-types';
import { createEvent, deleteEvent, ifMatchOk, respond, updateEvent, type Response as MeetingResponse } from '../../calendar.js';
import { errors, GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { readBody, readJson } from '../../http/request.js';
import { noContent } from '../../http/reply.js';
import { mailboxUser, type GraphContext } from '../common.js';
import { byStart, eventPage, eventResponse, findInMailbox } from './event-answers.js';

/**
 * Events of a mailbox's default calendar. Mounted on /users/{id} and on /users/{id}/calendar:
 * Graph serves the default calendar's events at both.
 */
export const eventRoutes = sandboxHono();

// user-post-events.md: 201 with Location. A repeated transactionId returns the event the first
// POST created (same id), not a second event (event.md transactionId), or, with the switch on,
// ErrorDuplicateTransactionId.
eventRoutes.post('/events', async (c) => {
  const user = mailboxUser(c, c.req.param('user') ?? '');
  const input = await readJson<Event>(c);
  const { store, now, graphBaseUrl, switches } = c.var.tenant;
  const txn = typeof input?.transactionId === 'string' ? input.transactionId : undefined;
  if (txn && store.transactions.has(`${user.id}|${txn}`) && switches.takeDuplicateTransactionIdAnswer()) {
    // Exchange may refuse a repeated transactionId instead of answering with the event it made (switches.ts).
    throw new GraphHttpError(400, 'ErrorDuplicateTransactionId', 'The transaction ID is a duplicate. An item with the same transaction ID already exists.');
  }
  const { event, created } = createEvent(store, user, input, now());
  store.changed();
  return eventResponse(c, user.id as string, event, 201, created ? { location: `${graphBaseUrl}/users('${user.id}')/events('${event.id}')` } : {});
});

// user-list-events.md: ordered by start, paged with $top/$skip.
eventRoutes.get('/events', (c) => {
  const user = mailboxUser(c, c.req.param('user') ?? '');
  const items = [...c.var.tenant.store.mailbox(user.id as string).values()].sort(byStart);
  return eventPage(c, user.id as string, items, 'events');
});

// event-get.md
eventRoutes.get('/events/:event', (c) => {
  const ev = findInMailbox(c, c.req.param('user') ?? '', c.req.param('event'));
  return eventResponse(c, ev.mailbox, ev, 200);
});

// event-update.md: If-Match with a stale change key → 412 ErrorIrresolvableConflict.
eventRoutes.patch('/events/:event', async (c) => {
  const ev = findInMailbox(c, c.req.param('user') ?? '', c.req.param('event'));
  if (!ifMatchOk(c.req.header('if-match'), ev)) throw errors.changeKeyMismatch();
  const { store, now } = c.var.tenant;
  updateEvent(store, ev, await readJson<Event>(c), now());
  store.changed();
  return eventResponse(c, ev.mailbox, ev, 200);
});

// event-delete.md: 204; attendees' copies are marked cancelled.
eventRoutes.delete('/events/:event', (c) => {
  const ev = findInMailbox(c, c.req.param('user') ?? '', c.req.param('event'));
  if (!ifMatchOk(c.req.header('if-match'), ev)) throw errors.changeKeyMismatch();
  const { store, now } = c.var.tenant;
  deleteEvent(store, ev, now());
  store.changed();
  return noContent(204);
});

/**
 * event-cancel.md (organizer only), event-decline.md, event-accept.md,
 * event-tentativelyaccept.md: 202 Accepted; an optional JSON body (comment, sendResponse).
 */
function meetingAction(kind: 'cancel' | MeetingResponse) {
  return async (c: GraphContext): Promise<Response> => {
    const ev = findInMailbox(c, c.req.param('user') ?? '', c.req.param('event') ?? '');
    if ((await readBody(c)).length > 0) await readJson(c);
    const { store, now } = c.var.tenant;
    if (kind === 'cancel') {
      if (!ev.data.isOrganizer) throw new GraphHttpError(400, 'ErrorAccessDenied', "Your request can't be completed. You need to be an organizer to cancel a meeting.");
      deleteEvent(store, ev, now());
    } else {
      respond(store, ev, kind, now());
    }
    store.changed();
    return noContent(202);
  };
}

eventRoutes.post('/events/:event/cancel', meetingAction('cancel'));
eventRoutes.post('/events/:event/decline', meetingAction('declined'));
eventRoutes.post('/events/:event/accept', meetingAction('accepted'));
eventRoutes.post('/events/:event/tentativelyAccept', meetingAction('tentativelyAccepted'));
