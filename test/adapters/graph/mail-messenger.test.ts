/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's inspection JSON is read loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { createMailMessenger, mailBody } from '../../../src/adapters/graph/mail-messenger.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import type { OutboundMessage } from '../../../src/domain/ports/messenger.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { startTenant } from '../../sandbox/helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });
const p = (alias: string) => findPerson(tenant.org, alias)!;

const message: OutboundMessage = {
  title: 'Supervision: escalated to you as line manager',
  text: 'Escalated to you as line manager: a session in 2026-02-05..2026-03-04. Due 2026-03-04. Late since 2026-03-05. Required by SE-F6 Sefton ¶3.8 (L90).',
  facts: [{ title: 'Policy', value: 'SE-F6 Sefton ¶3.8 (L90)' }],
  actions: [{ verb: 'acknowledge', title: 'Acknowledge', data: { agreementId: 'a', obligationId: 'o' } }],
};

describe('Graph mail messenger (sandbox tenant)', () => {
  it('sends from the service mailbox to the person, with the text, facts and next actions', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const mail = createMailMessenger({ graph, senderId: p('dir').id, addressOf: async (id) => tenant.org.people.find((x) => x.id === id)?.mail });
    expect(mail.honoursIdempotencyKey).toBe(false);
    expect(await mail.send(p('sm1').id, message, { idempotencyKey: 'digest:2026-03-09:x' })).toEqual({ status: 'delivered', channel: 'mail' });
    const sent = (await (await fetch(`${tenant.url}/_sandbox/mail`)).json()) as any[];
    const last = sent.at(-1);
    expect(last.from).toBe(p('dir').id);
    expect(last.message.toRecipients[0].emailAddress.address).toBe(p('sm1').mail);
    expect(last.message.subject).toBe(message.title);
    expect(last.message.body.content).toContain('Late since 2026-03-05');
    expect(last.message.body.content).toContain('acknowledge');
  });

  it('no address, or Graph refusing, is a failure the sweep can see', async () => {
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0, maxRetries: 0 });
    const none = createMailMessenger({ graph, senderId: p('dir').id, addressOf: async () => undefined });
    expect(await none.send('x', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'failed', retryable: false, reason: 'no-mail-address' });
    const bad = createMailMessenger({ graph, senderId: p('dir').id, addressOf: async () => 'not an address' });
    expect(await bad.send('x', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'failed', retryable: false, reason: 'HTTP 400' });
  });

  it('escapes HTML in the body', () => {
    expect(mailBody({ ...message, text: '<b>x</b>', facts: [], actions: [] })).toBe('<p>&lt;b&gt;x&lt;/b&gt;</p>');
  });
});
