import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../../src/app.js';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { parseConfig } from '../../../src/config/load-config.js';
import type { Agreement } from '../../../src/domain/agreements/types.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { ZChangeSubscription } from '../../../src/jobs/calendar-sync/change-subscriptions.js';
import { ZSyncState } from '../../../src/jobs/calendar-sync/sync-supervisor-calendar.js';
import { silentLogger } from '../../../src/observability/logger.js';
import type { AzuriteInstance } from '../../../src/sandbox/azurite.js';
import { startAzuriteProcess } from '../../../src/sandbox/azurite-process.js';
import { BotDriver } from '../../../src/sandbox/bot-driver.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { personIn, reportIn } from '../../support/bot.js';
import { FakeChannel } from '../../support/fake-channel.js';
import { until } from '../../support/until.js';

let azurite: AzuriteInstance;
let tenant: SandboxTenant;
let app: RunningApp | undefined;
const channel = new FakeChannel();
/** What the first test set up, for the lifecycle test after it (one stack per file). */
let started1: { tm: ReturnType<typeof personIn>; sw: ReturnType<typeof reportIn>; agreement: Agreement; client: ReturnType<typeof createGraphClient>; storage: ReturnType<typeof createStorage>; sessions: ReturnType<typeof sessionStore>; port: number } | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}


beforeAll(async () => {
  await channel.start();
  azurite = await startAzuriteProcess();
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(async () => {
  await app?.close();
  await tenant.close();
  await azurite.close();
  await channel.stop();
});

describe('Graph change notifications (issue 4 item 5: "change notifications when the app has a public URL")', () => {
  it('the app subscribes to each supervisor calendar and a cancellation reaches the supervisor within seconds, without waiting for the periodic pass', async () => {
    const tm = personIn(tenant.org, 'tm1');
    const sw = reportIn(tenant.org, 'tm1');
    const storage = createStorage(azurite.connectionString);
    const agreements = agreementStore(storage);
    const sessions = sessionStore(storage);
    await storage.ensureCreated();
    const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 });
    const date = nextWorkingDayOnOrAfter(createWorkingCalendar({ nation: 'england-and-wales' }), new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10));
    const startUtc = `${date}T10:00:00Z`;
    const endUtc = `${date}T12:00:00Z`;
    const agreement: Agreement = {
      id: 'cn-a1',
      terms: { policyId: 'camden', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: date,
        weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
      status: 'booked', signatures: {}, comments: [], createdAt: startUtc, updatedAt: startUtc,
    };
    await agreements.create(agreementKey(agreement.id), agreement);
    const created = await new GraphCalendar({ client }).createEvents(tm.id, [{ transactionId: '00000000-0000-4000-8000-0000000000c1', subject: 'Supervision', body: 'Supervision session', startUtc, endUtc,
      attendees: [{ email: sw.mail, name: sw.name }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440 }]);
    await sessions.create(sessionKey(agreement.id, 'cn-a1-s01'), { sessionId: 'cn-a1-s01', agreementId: agreement.id, date, start: '10:00', minutes: 120, startUtc, endUtc, rule: 'CA-F1', status: 'booked', eventId: created.created[0]!.eventId });

    const port = await freePort();
    // An hour between periodic passes: anything sooner than that came through the notification.
    const config = parseConfig({
      SUPERVISION_MODE: 'sandbox', PORT: String(port), POLICY_PACK: 'camden', CALENDAR_SYNC_SECONDS: '3600', PUBLIC_URL: `http://127.0.0.1:${port}`,
      GRAPH_BASE_URL: tenant.graphBaseUrl, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    });
    app = await startApp(config, silentLogger);
    await new BotDriver(app.server.url, channel).say(tm, 'help');

    const subscriptions = storage.versioned('changesubscriptions', ZChangeSubscription);
    const subscription = await until('the subscription', async () => (await subscriptions.get({ partition: 'mailbox', id: tm.id }))?.value);
    expect(tenant.store.subscriptions.get(subscription.subscriptionId)?.notificationUrl).toBe(`http://127.0.0.1:${port}/api/graph-notifications`);
    // The first pass also takes the delta token the notified passes continue from.
    const syncState = storage.versioned('calendarsync', ZSyncState);
    await until('the first delta pass', async () => (await syncState.get({ partition: 'mailbox', id: tm.id }))?.value);

    // A forged notification (wrong clientState) is ignored.
    const forged = await fetch(`${app.server.url}/api/graph-notifications`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ subscriptionId: subscription.subscriptionId, clientState: 'guess', changeType: 'deleted', resource: `Users/${tm.id}/Events/x` }] }) });
    expect(forged.status).toBe(202);
    expect((await fetch(`${app.server.url}/api/graph-notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nope":1}' })).status).toBe(400);

    const started = Date.now();
    await client.api(`/users/${tm.id}/events/${created.created[0]!.eventId}/cancel`).post({ comment: 'Sick leave' });
    const ask = await until('the postponement card', () => channel.received.find((a) => JSON.stringify(a.attachments ?? []).includes('sessionRebook')));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(JSON.stringify(ask.attachments?.[0]?.content)).toContain('The social worker is on sick leave');
    expect((await sessions.get(sessionKey(agreement.id, 'cn-a1-s01')))?.value.status).toBe('postponed');
    // The notification names the user as the docs' example does (users/{user}@{tenant}/events/{id}).
    started1 = { tm, sw, agreement, client, storage, sessions, port };
  }, 90_000);

  it('lifecycle notifications (issue 11 item 5, change-notifications-lifecycle-events.md): a removed subscription is made again, missed notifications resync the mailbox, a reauthorization request renews', async () => {
    expect(started1).toBeDefined();
    const { tm, sw, agreement, client, storage, sessions, port } = started1!;
    const subscriptions = storage.versioned('changesubscriptions', ZChangeSubscription);
    const stored = async () => (await subscriptions.get({ partition: 'mailbox', id: tm.id }))!.value;
    const lifecycle = async (event: string) => {
      const res = await fetch(`${tenant.url}/_sandbox/mailboxes/${tm.id}/lifecycle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { sent: number }).sent;
    };
    const first = await stored();
    // Subscribed with a lifecycleNotificationUrl, validated like the notificationUrl.
    expect(tenant.store.subscriptions.get(first.subscriptionId)?.lifecycleNotificationUrl).toBe(`http://127.0.0.1:${port}/api/graph-lifecycle`);

    // subscriptionRemoved: Graph has deleted it; the app makes a new one at once.
    expect(await lifecycle('subscriptionRemoved')).toBe(1);
    expect(tenant.store.subscriptions.has(first.subscriptionId)).toBe(false);
    const second = await until('a new subscription', async () => {
      const now = await stored();
      return now.subscriptionId !== first.subscriptionId && tenant.store.subscriptions.has(now.subscriptionId) ? now : undefined;
    });
    expect(second.clientState).not.toBe(first.clientState);

    // missed: the next changes are not delivered; the app brings the mailbox in step by delta.
    const date = nextWorkingDayOnOrAfter(createWorkingCalendar({ nation: 'england-and-wales' }), new Date(Date.now() + 16 * 86_400_000).toISOString().slice(0, 10));
    const startUtc = `${date}T10:00:00Z`;
    const endUtc = `${date}T12:00:00Z`;
    const created = await new GraphCalendar({ client }).createEvents(tm.id, [{ transactionId: '00000000-0000-4000-8000-0000000000c2', subject: 'Supervision', body: 'Supervision session', startUtc, endUtc,
      attendees: [{ email: sw.mail, name: sw.name }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440 }]);
    await sessions.create(sessionKey(agreement.id, 'cn-a1-s02'), { sessionId: 'cn-a1-s02', agreementId: agreement.id, date, start: '10:00', minutes: 120, startUtc, endUtc, rule: 'CA-F1', status: 'booked', eventId: created.created[0]!.eventId });
    await lifecycle('missed');
    const cardsBefore = channel.received.filter((a) => JSON.stringify(a.attachments ?? []).includes('sessionRebook')).length;
    await client.api(`/users/${tm.id}/events/${created.created[0]!.eventId}/cancel`).post({ comment: 'Training day' });
    await until('the second postponement card', () => channel.received.filter((a) => JSON.stringify(a.attachments ?? []).includes('sessionRebook')).length > cardsBefore || undefined);
    expect((await sessions.get(sessionKey(agreement.id, 'cn-a1-s02')))?.value.status).toBe('postponed');

    // reauthorizationRequired: deliveries pause until the app renews (PATCH reauthorizes and renews).
    const before = tenant.store.subscriptions.get(second.subscriptionId)!.expirationMs;
    expect(await lifecycle('reauthorizationRequired')).toBe(1);
    await until('the renewal', () => (tenant.store.subscriptions.get(second.subscriptionId)?.reauthorizationRequired === false ? true : undefined));
    expect((await stored()).subscriptionId).toBe(second.subscriptionId);
    expect(tenant.store.subscriptions.get(second.subscriptionId)!.expirationMs).toBeGreaterThanOrEqual(before);

    // A lifecycle notification for a subscription that is not the app's, or with the wrong clientState, changes nothing.
    const forged = await fetch(`${app!.server.url}/api/graph-lifecycle`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ subscriptionId: second.subscriptionId, clientState: 'guess', lifecycleEvent: 'subscriptionRemoved' }] }) });
    expect(forged.status).toBe(202);
    expect((await fetch(`${app!.server.url}/api/graph-lifecycle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"value":"x"}' })).status).toBe(400);
    await new Promise((r) => setTimeout(r, 500));
    expect((await stored()).subscriptionId).toBe(second.subscriptionId);
  }, 90_000);
});
