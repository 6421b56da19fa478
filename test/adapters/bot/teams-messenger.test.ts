import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../src/adapters/bot/create-adapter.js';
import { ConversationReferences, ZStoredReference } from '../../../src/adapters/bot/conversation-references.js';
import { BotNotifier } from '../../../src/adapters/bot/notifier.js';
import { createEscalationMessenger, createTeamsMessenger } from '../../../src/adapters/bot/teams-messenger.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { createTeamsAppInstaller, readManifestId } from '../../../src/adapters/graph/teams-app-installer.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startTenant } from '../../sandbox/helpers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Config } from '../../../src/config/schema.js';
import type { Notifier } from '../../../src/conversation/notifier.js';
import type { Reply } from '../../../src/conversation/reply.js';
import type { AppInstaller } from '../../../src/domain/ports/messenger.js';
import { createLogger } from '../../../src/observability/logger.js';
import { useAzurite, uniqueName } from '../../support/azurite.js';
import { FakeChannel } from '../../support/fake-channel.js';
import { escalationDigest } from '../../cards/renderings/escalations.js';

const azurite = useAzurite();

function recorder(outcome: 'delivered' | 'unreachable') {
  const sent: { personId: string; replies: readonly Reply[] }[] = [];
  const notifier: Notifier = { notify: async (personId, replies) => (sent.push({ personId, replies }), outcome) };
  return { sent, notifier };
}

const message = { title: 'Supervision is overdue', text: 'No session since 2 Oct.', facts: [{ title: 'Policy', value: 'SE-F6 Sefton ¶3.8 (L90)' }], actions: [] };

describe('Teams messenger for reminders and escalations', () => {
  it('a message without items goes as text with the title and citation', async () => {
    const { sent, notifier } = recorder('delivered');
    expect(await createTeamsMessenger(notifier).send('p1', message, { idempotencyKey: 'k' })).toEqual({ status: 'delivered', channel: 'teams' });
    expect(sent[0]?.personId).toBe('p1');
    expect(sent[0]?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('SE-F6 Sefton ¶3.8 (L90)') });
  });

  it('a digest goes as one Adaptive Card listing every item with its buttons', async () => {
    const { sent, notifier } = recorder('delivered');
    await createTeamsMessenger(notifier).send('sm1', escalationDigest, { idempotencyKey: 'k' });
    expect(sent).toHaveLength(1);
    const reply = sent[0]?.replies[0];
    expect(reply?.kind).toBe('card');
    const json = JSON.stringify(reply?.kind === 'card' ? reply.card : {});
    // Two escalations (acknowledge, add a note each), one closed item without buttons.
    expect(json.match(/"verb":"escalationAcknowledge"/g)).toHaveLength(2);
    expect(json.match(/"verb":"escalationNote"/g)).toHaveLength(2);
    expect(json).toContain('"id":"note_0"');
    expect(json).toContain('"id":"note_1"');
    expect(json).toContain('"verb":"recordOpen","data":{"agreementId":"ag-1","sessionId":"ag-1-s002"}');
    // The policy's paragraph as people read it, never its rule id or line (issue 15 item 3).
    expect(json).toContain('paragraph 3.8');
    expect(json).not.toMatch(/SE-F6|L90|Sefton/);
    expect(json).toContain('Escalation closed');
    // The manager is not the supervisor: no "rebook now" for them.
    expect(json).not.toContain('escalationRebook');
  });

  it('someone the bot cannot reach (no installer) is reported blocked, so the sweep falls back to e-mail', async () => {
    const { notifier } = recorder('unreachable');
    expect(await createTeamsMessenger(notifier).send('p1', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'blocked' });
  });

  it('never talked to the bot: the app is installed, the reference arrives with the installationUpdate, the message is sent then', async () => {
    const refs = new Set<string>();
    const sent: string[] = [];
    const notifier: Notifier = { notify: async (personId) => (refs.has(personId) ? (sent.push(personId), 'delivered') : 'unreachable') };
    const installs: string[] = [];
    // The install makes Teams send installationUpdate; the bot stores the reference a moment later.
    const installer: AppInstaller = { install: async (id) => (installs.push(id), setTimeout(() => refs.add(id), 30), 'installed') };
    const teams = createTeamsMessenger(notifier, { installer, hasReference: async (id) => refs.has(id), referenceWaitMs: 2000, pollMs: 10 });
    expect(await teams.send('new1', message, { idempotencyKey: 'k' })).toEqual({ status: 'delivered', channel: 'teams' });
    expect(installs).toEqual(['new1']);
    expect(sent).toEqual(['new1']);
  });

  it('installed but no reference in time, or a reference that fails (blocked): e-mail fallback; never a second install', async () => {
    const installs: string[] = [];
    const installer: AppInstaller = { install: async (id) => (installs.push(id), 'already-installed') };
    const { notifier } = recorder('unreachable');
    const never = createTeamsMessenger(notifier, { installer, hasReference: async () => false, referenceWaitMs: 50, pollMs: 10 });
    expect(await never.send('p2', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'blocked', reason: expect.stringContaining('no personal chat reference') });
    const blocked = createTeamsMessenger(notifier, { installer, hasReference: async () => true });
    expect(await blocked.send('p3', message, { idempotencyKey: 'k' })).toMatchObject({ status: 'blocked' });
    expect(installs).toEqual(['p2']);
  });
});

describe('proactive sends under Teams throttling (429, fake channel)', () => {
  const channel = new FakeChannel();
  beforeAll(() => channel.start());
  afterAll(() => channel.stop());

  async function notifierWith(retry: Partial<ConstructorParameters<typeof BotNotifier>[4]> = {}) {
    const storage = createStorage(azurite.connectionString);
    const store = storage.versioned(uniqueName('refs'), ZStoredReference);
    await storage.ensureCreated();
    const references = new ConversationReferences(store);
    await store.upsert({ partition: 'personal', id: 'p429' }, {
      reference: { channelId: 'msteams', serviceUrl: channel.url, conversation: { id: 'a:personal-p429', conversationType: 'personal' }, bot: { id: '28:bot', name: 'bot' }, user: { id: '29:p429', aadObjectId: 'p429' } },
      updatedAt: new Date().toISOString(),
    });
    const sleeps: number[] = [];
    const adapter = createAdapter({ SUPERVISION_MODE: 'sandbox' } as Config, createLogger('error'));
    const notifier = new BotNotifier(adapter, references, '', createLogger('error'), {
      maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, random: () => 0.5,
      sleep: async (ms) => { sleeps.push(ms); await new Promise((r) => setTimeout(r, Math.min(ms, 20))); }, ...retry,
    });
    return { notifier, sleeps };
  }

  it('honours Retry-After (the connector pipeline waits it out), then delivers once', async () => {
    const { notifier } = await notifierWith();
    channel.throttle = { count: 2, retryAfter: '1', at: [] };
    const before = channel.received.length;
    const t0 = Date.now();
    expect(await notifier.notify('p429', [{ kind: 'text', text: 'hello' }])).toBe('delivered');
    const [first = 0, second = 0, third = 0] = [...channel.throttle.at, Date.now()];
    expect(channel.throttle.at).toHaveLength(2);
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - t0).toBeGreaterThanOrEqual(1800);
    expect(channel.received.slice(before).map((a) => a.text)).toEqual(['hello']);
  });

  it('a throttle that outlasts the pipeline: our own backoff honours Retry-After, then delivers', async () => {
    const { notifier, sleeps } = await notifierWith();
    // The pipeline retries 429s with Retry-After three times; the fourth failure reaches the notifier.
    channel.throttle = { count: 5, retryAfter: '0', at: [] };
    const before = channel.received.length;
    expect(await notifier.notify('p429', [{ kind: 'text', text: 'later' }])).toBe('delivered');
    expect(sleeps).toEqual([0]);
    expect(channel.throttle.at).toHaveLength(5);
    expect(channel.received.slice(before).map((a) => a.text)).toEqual(['later']);
  });

  it('without Retry-After: jittered exponential backoff; bounded, then unreachable (the sweep retries another day)', async () => {
    const { notifier, sleeps } = await notifierWith();
    channel.throttle = { count: 10, at: [] };
    const before = channel.received.length;
    expect(await notifier.notify('p429', [{ kind: 'text', text: 'never' }])).toBe('unreachable');
    // base 100 ms doubling, equal jitter at random 0.5: 75, 150, 300; 4 attempts in all.
    expect(sleeps).toEqual([75, 150, 300]);
    expect(channel.throttle.at).toHaveLength(4);
    expect(channel.received.length).toBe(before);
    channel.throttle = { count: 0, at: [] };
  });
});

describe('the composed messenger: bot notifier, stored references, Graph installer (connector channel, sandbox tenant)', () => {
  const channel = new FakeChannel();
  beforeAll(() => channel.start());
  afterAll(() => channel.stop());

  it('a person who never talked to the bot: installed through Graph, reference stored by the installationUpdate turn, the card delivered', async () => {
    const tenant = await startTenant();
    try {
      const storage = createStorage(azurite.connectionString);
      const store = storage.versioned(uniqueName('refs'), ZStoredReference);
      await storage.ensureCreated();
      const references = new ConversationReferences(store);
      const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
      const graphInstaller = createTeamsAppInstaller({ graph, manifestId: readManifestId(), graphBaseUrl: tenant.graphBaseUrl });
      const person = findPerson(tenant.org, 'sm1')!;
      // What Teams does after the install: an installationUpdate turn, whose reference the bot stores.
      const installer = {
        install: async (id: string) => {
          const r = await graphInstaller.install(id);
          setTimeout(() => void store.upsert({ partition: 'personal', id }, {
            reference: { channelId: 'msteams', serviceUrl: channel.url, conversation: { id: `a:personal-${id}`, conversationType: 'personal' }, bot: { id: '28:bot', name: 'bot' }, user: { id: `29:${id}`, aadObjectId: id } },
            updatedAt: new Date().toISOString(),
          }), 50);
          return r;
        },
      };
      const notifier = new BotNotifier(createAdapter({ SUPERVISION_MODE: 'sandbox' } as Config, createLogger('error')), references, '', createLogger('error'));
      const teams = createEscalationMessenger({ notifier, references, installer, referenceWaitMs: 5000 });
      const before = channel.received.length;
      expect(await teams.send(person.id, escalationDigest, { idempotencyKey: 'k' })).toEqual({ status: 'delivered', channel: 'teams' });
      const installs = (await (await fetch(`${tenant.url}/_sandbox/installedApps`)).json()) as { userId: string }[];
      expect(installs.map((i) => i.userId)).toContain(person.id);
      const got = channel.received.slice(before);
      expect(got).toHaveLength(1);
      expect(got[0]?.conversation?.id).toBe(`a:personal-${person.id}`);
      expect(got[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(got[0]?.attachments?.[0]?.content)).toContain('"verb":"escalationAcknowledge"');
    } finally {
      await tenant.close();
    }
  });
});
