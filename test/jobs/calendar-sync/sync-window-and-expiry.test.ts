import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import { ZSyncNotice } from '../../../src/domain/sessions/notice.js';
import { syncSupervisorCalendar, ZSyncState, type CalendarSyncDeps } from '../../../src/jobs/calendar-sync/sync-supervisor-calendar.js';
import type { Logger } from '../../../src/observability/logger.js';
import { getPack } from '../../../src/policy/packs.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { CalendarSyncRepository, SUBSCRIPTIONS_TABLE, ZChangeSubscription } from '../../../src/repositories/calendar-sync.js';
import { NoticeRepository } from '../../../src/repositories/notices.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson, type DemoPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';

/**
 * Issue 11 items 1 and 2, against the sandbox answering as event-delta.md and
 * delta-query-overview.md say Outlook does: a delta token keeps its first window for ever (events
 * outside it come back only as `@removed`), and a delta token expires (410 SyncStateNotFound).
 */
const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

const lines: Array<{ event: string; fields: Record<string, unknown> }> = [];
const log: Logger = {
  debug: () => undefined,
  info: (event, fields = {}) => void lines.push({ event, fields }),
  warn: (event, fields = {}) => void lines.push({ event, fields }),
  error: (event, fields = {}) => void lines.push({ event, fields }),
};

async function syncDeps() {
  const storage = createStorage(azurite.connectionString);
  const t = { agreements: agreementStore(storage), sessions: sessionStore(storage), syncState: storage.versioned('calendarsync', ZSyncState), notices: storage.versioned('notices', ZSyncNotice) };
  const deps: CalendarSyncDeps & { readonly t: typeof t } = {
    calendar: new GraphCalendar({ client: createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 }), baseUrl: tenant.graphBaseUrl }),
    agreements: new AgreementRepository({ agreements: t.agreements, sessions: t.sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) }),
    syncState: new CalendarSyncRepository({ syncState: t.syncState, subscriptions: storage.versioned(SUBSCRIPTIONS_TABLE, ZChangeSubscription) }),
    notices: new NoticeRepository(t.notices),
    packFor: getPack,
    now: () => new Date().toISOString(),
    log,
    t,
  };
  await storage.ensureCreated();
  return deps;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function mondayFrom(ms: number): string {
  const d = new Date(`${isoDay(ms)}T12:00:00Z`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const at = (date: string, hh: number) => `${date}T${String(hh).padStart(2, '0')}:00:00Z`;
const graph = () => createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().replace('.000Z', '');

/** A booked agreement with sessions on these dates (10:00–12:00 UTC), each an event in the supervisor's mailbox. */
async function bookedAgreement(deps: Awaited<ReturnType<typeof syncDeps>>, id: string, supervisor: DemoPerson, supervisee: DemoPerson, agreementDate: string, dates: readonly string[]): Promise<PlannedSession[]> {
  const agreement: Agreement = {
    id,
    terms: {
      policyId: 'camden', roleId: 'social-worker', supervisorId: supervisor.id, superviseeId: supervisee.id, employmentStart: '2020-01-06', agreementDate,
      weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: agreementDate,
    },
    status: 'booked', signatures: {}, comments: [], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
  };
  await deps.t.agreements.create(agreementKey(id), agreement);
  const sessions: PlannedSession[] = dates.map((date, i) => ({
    sessionId: `${id}-s0${i + 1}`, agreementId: id, date, start: '10:00', minutes: 120, startUtc: at(date, 10), endUtc: at(date, 12), rule: 'CA-F1', status: 'planned',
  }));
  const created = await deps.calendar.createEvents(
    supervisor.id,
    sessions.map((s, i) => ({
      transactionId: `${id}-txn-${i}`, subject: 'Supervision', body: 'Supervision session', startUtc: s.startUtc, endUtc: s.endUtc,
      attendees: [{ email: supervisee.mail, name: supervisee.displayName }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440,
    })),
  );
  expect(created.failed).toEqual([]);
  const booked = sessions.map((s, i) => ({ ...s, status: 'booked' as const, eventId: created.created[i]!.eventId }));
  for (const s of booked) await deps.t.sessions.create(sessionKey(id, s.sessionId), s);
  return booked;
}

const status = async (deps: Awaited<ReturnType<typeof syncDeps>>, s: PlannedSession) => (await deps.t.sessions.get(sessionKey(s.agreementId, s.sessionId)))?.value;

describe('a supervisor with agreements signed months apart (issue 11 item 1)', () => {
  it('keeps every session of both in step: nothing outside the first window is taken for deleted, moves and cancellations of both are seen', async () => {
    const deps = await syncDeps();
    const tm = findPerson(tenant.org, 'tm2')!;
    const [first, second] = tenant.org.people.filter((p) => p.managerAlias === 'tm2');
    const a = mondayFrom(Date.now() + 7 * DAY);
    const [a1, a2] = await bookedAgreement(deps, 'win-a', tm, first!, a, [a, mondayFrom(Date.parse(a) + 28 * DAY)]);
    expect(await syncSupervisorCalendar(deps, tm.id)).toMatchObject({ moved: 0, postponed: 0 });

    // Ten months on, a second agreement; its later sessions fall after the first agreement's year.
    const b = mondayFrom(Date.parse(a) + 300 * DAY);
    const [b1, b2] = await bookedAgreement(deps, 'win-b', tm, second!, b, [b, mondayFrom(Date.parse(b) + 120 * DAY)]);
    const afterSecond = await syncSupervisorCalendar(deps, tm.id);
    expect(afterSecond.postponed).toBe(0);
    expect(afterSecond).toMatchObject({ moved: 0, notices: 0, reset: 'window_widened' });
    for (const s of [a1, a2, b1, b2]) expect((await status(deps, s!))?.status).toBe('booked');
    expect(lines).toContainEqual({ event: 'calendar_sync.reset', fields: { reason: 'window_widened' } });

    // In Outlook: the second agreement's last session moves a week; the first agreement's second is cancelled.
    await graph().api(`/users/${tm.id}/events/${b2!.eventId}`).patch({ start: { dateTime: shift(b2!.startUtc, 7), timeZone: 'UTC' }, end: { dateTime: shift(b2!.endUtc, 7), timeZone: 'UTC' } });
    await graph().api(`/users/${tm.id}/events/${a2!.eventId}/cancel`).post({ comment: 'Urgent case' });
    const changed = await syncSupervisorCalendar(deps, tm.id);
    expect(changed).toMatchObject({ moved: 1, postponed: 1 });
    expect(changed.reset).toBeUndefined();
    expect((await status(deps, b2!))).toMatchObject({ status: 'moved', startUtc: `${shift(b2!.startUtc, 7)}Z` });
    expect((await status(deps, a2!))?.status).toBe('postponed');
  });

  it('a session moved far beyond the synchronised window is a move, not a deletion', async () => {
    const deps = await syncDeps();
    const tm = findPerson(tenant.org, 'tm4')!;
    const report = tenant.org.people.find((p) => p.managerAlias === 'tm4')!;
    const c = mondayFrom(Date.now() + 14 * DAY);
    const [c1] = await bookedAgreement(deps, 'win-c', tm, report, c, [c]);
    await syncSupervisorCalendar(deps, tm.id);
    // Two years on: Outlook reports it only as `@removed` in this window (event-delta.md).
    await graph().api(`/users/${tm.id}/events/${c1!.eventId}`).patch({ start: { dateTime: shift(c1!.startUtc, 700), timeZone: 'UTC' }, end: { dateTime: shift(c1!.endUtc, 700), timeZone: 'UTC' } });
    expect(await syncSupervisorCalendar(deps, tm.id)).toMatchObject({ moved: 1, postponed: 0 });
    expect((await status(deps, c1!))).toMatchObject({ status: 'moved', startUtc: `${shift(c1!.startUtc, 700)}Z` });
    // The next pass widens the window to hold it, listing the mailbox in full: nothing else changes.
    expect(await syncSupervisorCalendar(deps, tm.id)).toMatchObject({ moved: 0, postponed: 0, reset: 'window_widened' });
  });
});

describe('an expired delta token (issue 11 item 2)', () => {
  it('starts the mailbox over with a full listing, says so in the log, and sees what changed meanwhile', async () => {
    const deps = await syncDeps();
    const tm = findPerson(tenant.org, 'tm3')!;
    const report = tenant.org.people.find((p) => p.managerAlias === 'tm3')!;
    const d = mondayFrom(Date.now() + 21 * DAY);
    const [d1, d2] = await bookedAgreement(deps, 'exp-d', tm, report, d, [d, mondayFrom(Date.parse(d) + 28 * DAY)]);
    await syncSupervisorCalendar(deps, tm.id);

    tenant.switches.expireDeltaTokens();
    await graph().api(`/users/${tm.id}/events/${d2!.eventId}/cancel`).post({ comment: 'Sickness' });
    lines.length = 0;
    const restarted = await syncSupervisorCalendar(deps, tm.id);
    expect(restarted.postponed).toBe(1);
    expect(restarted.reset).toBe('delta_token_expired');
    expect((await status(deps, d2!))?.status).toBe('postponed');
    expect((await status(deps, d1!))?.status).toBe('booked');
    expect(lines).toEqual([{ event: 'calendar_sync.reset', fields: { reason: 'delta_token_expired' } }]);

    // The new token works: the next pass reads changes again.
    const next = await syncSupervisorCalendar(deps, tm.id);
    expect(next).toMatchObject({ moved: 0, postponed: 0 });
    expect(next.reset).toBeUndefined();
  });
});

describe('a delta link stored under another Graph address (issue 16 item 3)', () => {
  it('starts a fresh delta when the stored link is not under the Graph in use (the sandbox came back on another port), and sees what changed meanwhile', async () => {
    const deps = await syncDeps();
    const tm = findPerson(tenant.org, 'sm1')!;
    const report = tenant.org.people.find((p) => p.managerAlias === 'sm1')!;
    const e = mondayFrom(Date.now() + 35 * DAY);
    const [e1, e2] = await bookedAgreement(deps, 'moved-e', tm, report, e, [e, mondayFrom(Date.parse(e) + 28 * DAY)]);
    await syncSupervisorCalendar(deps, tm.id);

    // The stored deltaLink is absolute: as if the sandbox had been on another port when it was saved.
    const state = (await deps.syncState.syncState(tm.id))!;
    const elsewhere = new URL(state.token!);
    elsewhere.port = String(Number(new URL(tenant.graphBaseUrl).port) === 1 ? 2 : 1);
    await deps.syncState.saveSyncState(tm.id, { ...state, token: elsewhere.toString() });
    await graph().api(`/users/${tm.id}/events/${e2!.eventId}/cancel`).post({ comment: 'Sickness' });
    lines.length = 0;
    // Before: the pass failed (nothing answers at the old address) on every run, for good.
    const restarted = await syncSupervisorCalendar(deps, tm.id);
    expect(restarted.reset).toBe('delta_link_moved');
    expect(restarted.postponed).toBe(1);
    expect((await status(deps, e2!))?.status).toBe('postponed');
    expect((await status(deps, e1!))?.status).toBe('booked');
    expect(lines).toContainEqual({ event: 'calendar_sync.reset', fields: { reason: 'delta_link_moved' } });
    expect((await deps.syncState.syncState(tm.id))?.token?.startsWith(tenant.graphBaseUrl)).toBe(true);
  });
});
