import { randomUUID } from 'node:crypto';
import type { Message, Recipient } from '@microsoft/microsoft-graph-types';
import { errors, GraphHttpError } from '../errors.js';
import { sandboxHono } from '../http/env.js';
import { readJson } from '../http/request.js';
import { noContent } from '../http/reply.js';
import { mailboxUser } from './common.js';

function recipients(list: unknown): Recipient[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw errors.badRequest('Recipients must be a collection.', 'ErrorInvalidRecipients');
  return list as Recipient[];
}

export const mailRoutes = sandboxHono();

// user-sendmail.md: 202 Accepted; the message is kept for inspection (/_sandbox/mail), not delivered.
mailRoutes.post('/users/:user/sendMail', async (c) => {
  const user = mailboxUser(c, c.req.param('user'));
  const body = await readJson<{ message?: Message; saveToSentItems?: boolean | string }>(c);
  const message = body.message;
  if (!message || typeof message !== 'object') throw new GraphHttpError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
  const all = [...recipients(message.toRecipients), ...recipients(message.ccRecipients), ...recipients(message.bccRecipients)];
  if (all.length === 0 || all.some((r) => !r?.emailAddress?.address || !/^[^@\s]+@[^@\s]+$/.test(r.emailAddress.address))) {
    throw new GraphHttpError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is not resolved. All recipients must be resolved before a message can be submitted.');
  }
  const { store, now } = c.var.tenant;
  store.mails.push({
    id: randomUUID(),
    from: user.id as string,
    sentDateTime: new Date(now()).toISOString(),
    saveToSentItems: body.saveToSentItems !== false && body.saveToSentItems !== 'false',
    message: { ...message, from: { emailAddress: { address: user.mail, name: user.displayName } } } as Record<string, unknown>,
  });
  store.changed();
  return noContent(202);
});
