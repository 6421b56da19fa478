import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { ZSyncNotice } from '../../../src/domain/sessions/notice.js';
import { syncSupervisorCalendar, ZSyncState, type CalendarSyncDeps } from '../../../src/jobs/calendar-sync/sync-supervisor-calendar.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { getPack } from '../../../src/policy/packs.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { CalendarSyncRepository, SUBSCRIPTIONS_TABLE, ZChangeSubscription } from '../../../src/repositories/calendar-sync.js';
import { NoticeRepository } from '../../../src/repositories/notices.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

/** The job's deps on the repositories, with their tables (`t`) for set-up and inspection. */
async function syncDeps(retry: { maxAttempts?: number } = {}) {
  const storage = createStorage(azurite.connectionString);
  const t = {
    agreements: agreementStore(storage),
    sessions: sessionStore(storage),
    syncState: storage.versioned('calendarsync', ZSyncState),
    notices: storage.versioned('notices', ZSyncNotice),
  };
  const deps: CalendarSyncDeps & { readonly t: typeof t } = {
    calendar: new GraphCalendar({ client: createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 }), retry }),
    agreements: new AgreementRepository({ agreements: t.agreements, sessions: t.sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) }),
    syncState: new CalendarSyncRepository({ syncState: t.syncState, subscriptions: storage.versioned(SUBSCRIPTIONS_TABLE, ZChangeSubscription) }),
    notices: new NoticeRepository(t.notices),
    packFor: getPack,
    now: () => new Date().toISOString(),
    t,
  };
  await storage.ensureCreated();
  return deps;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
function nextMonday(offset: number): string {
  const d = new Date(`${day(offset)}T12:00:00Z`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('Outlook moves and cancellations follow into the sessions (issue 4 item 5)', () => {
  it('a move is checked against the pack, a cancellation postpones and offers slots, a rerun changes nothing', async () => {
    const deps = await syncDeps();
    const tm = findPerson(tenant.org, 'tm1')!;
    const sw = tenant.org.people.find((p) => p.managerAlias === 'tm1')!;
    const agreementDate = nextMonday(7);
    const agreement: Agreement = {
      id: 'sync-a1',
      terms: {
        policyId: 'camden', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate,
        weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: agreementDate,
      },
      status: 'booked', signatures: {}, comments: [], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    };
    await deps.t.agreements.create(agreementKey(agreement.id), agreement);

    // Three four-weekly sessions (CA-F1 Camden §6: at least every 4 weeks), booked in Outlook.
    const planned: PlannedSession[] = [0, 28, 56].map((offset, i) => {
      const date = new Date(Date.parse(`${agreementDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const startUtc = new Date(Date.parse(`${date}T10:00:00Z`) - (isSummer(date) ? 3_600_000 : 0)).toISOString().replace('.000', '');
      const endUtc = new Date(Date.parse(startUtc) + 120 * 60_000).toISOString().replace('.000', '');
      return { sessionId: `sync-a1-s0${i + 1}`, agreementId: agreement.id, date, start: '10:00', minutes: 120, startUtc, endUtc, rule: 'CA-F1', status: 'planned' };
    });
    const created = await deps.calendar.createEvents(
      tm.id,
      planned.map((s) => ({
        transactionId: `00000000-0000-4000-8000-00000000000${s.sessionId.slice(-1)}`, subject: 'Supervision', body: 'Supervision session',
        startUtc: s.startUtc, endUtc: s.endUtc, attendees: [{ email: sw.mail, name: sw.displayName }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440,
      })),
    );
    expect(created.failed).toEqual([]);
    for (const [i, s] of planned.entries()) {
      await deps.t.sessions.create(sessionKey(agreement.id, s.sessionId), { ...s, status: 'booked', eventId: created.created[i]!.eventId });
    }

    const first = await syncSupervisorCalendar(deps, tm.id);
    expect(first).toMatchObject({ moved: 0, postponed: 0, notices: 0 });

    // In Outlook: the second session is pushed back a fortnight; the third is cancelled.
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    const second = planned[1]!;
    const later = (iso: string) => new Date(Date.parse(iso) + 14 * 86_400_000).toISOString().replace('.000Z', '');
    await graph.api(`/users/${tm.id}/events/${created.created[1]!.eventId}`).patch({
      start: { dateTime: later(second.startUtc), timeZone: 'UTC' },
      end: { dateTime: later(second.endUtc), timeZone: 'UTC' },
    });
    await graph.api(`/users/${tm.id}/events/${created.created[2]!.eventId}/cancel`).post({ comment: 'Urgent case' });

    const next = await syncSupervisorCalendar(deps, tm.id);
    expect(next).toMatchObject({ moved: 1, postponed: 1, notices: 2 });

    const notices = (await deps.t.notices.list(tm.id)).items.map((i) => i.value);
    const moved = notices.find((n) => n.sessionId === second.sessionId)!;
    // 0 → 42 days between sessions breaks "at least every 4 weeks".
    expect(moved.kind).toBe('session-move-breaks-policy');
    expect(moved.violations[0]?.rule).toMatch(/CA-F1/);
    const postponed = notices.find((n) => n.sessionId === planned[2]!.sessionId)!;
    // Cancelling as organizer removes the event from the organizer's calendar, as Graph does.
    expect(postponed).toMatchObject({ kind: 'session-postponed', cause: 'deleted' });
    expect(postponed.rebooking?.rule).toMatch(/CA-D1/);
    expect(postponed.rebooking?.slots.length).toBeGreaterThan(0);

    const stored = await deps.t.sessions.get(sessionKey(agreement.id, second.sessionId));
    expect(stored?.value).toMatchObject({ status: 'moved', startUtc: `${later(second.startUtc)}Z` });
    expect((await deps.t.sessions.get(sessionKey(agreement.id, planned[2]!.sessionId)))?.value.status).toBe('postponed');

    // Nothing new in Outlook: nothing happens.
    expect(await syncSupervisorCalendar(deps, tm.id)).toMatchObject({ moved: 0, postponed: 0, notices: 0 });

    // A crash before the token was saved replays the same changes: no second notice.
    await deps.t.syncState.delete({ partition: 'mailbox', id: tm.id });
    expect((await syncSupervisorCalendar(deps, tm.id)).notices).toBe(0);
    expect((await deps.t.notices.list(tm.id)).items).toHaveLength(2);
  });
});

function isSummer(date: string): boolean {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).format(new Date(`${date}T12:00:00Z`)).includes('BST');
}

describe('the periodic reconcile', () => {
  it('syncs every supervisor with a booked agreement and survives one mailbox failing', async () => {
    const { syncAllCalendars } = await import('../../../src/jobs/calendar-sync/run-calendar-sync.js');
    const { silentLogger } = await import('../../../src/observability/logger.js');
    const deps = await syncDeps({ maxAttempts: 1 });
    const base = (await deps.t.agreements.get(agreementKey('sync-a1')))!.value;
    // A supervisor the tenant does not know: their mailbox answers 404.
    await deps.t.agreements.create(agreementKey('sync-ghost'), { ...base, id: 'sync-ghost', terms: { ...base.terms, supervisorId: '00000000-0000-0000-0000-00000000dead' } });
    const run = await syncAllCalendars(deps, silentLogger);
    expect(run.supervisors).toBe(2);
    expect(run.failed).toBe(1);
  });
});

describe('the first reconcile of a mailbox', () => {
  it('a meeting deleted in Outlook before the first pass is still seen as a postponement', async () => {
    const deps = await syncDeps();
    const sm = findPerson(tenant.org, 'sm1')!;
    const report = tenant.org.people.find((p) => p.managerAlias === 'sm1')!;
    const date = nextMonday(10);
    const agreement: Agreement = {
      id: 'sync-first',
      terms: { policyId: 'camden', roleId: 'team-manager', supervisorId: sm.id, superviseeId: report.id, employmentStart: '2019-01-07', agreementDate: date,
        weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
      status: 'booked', signatures: {}, comments: [], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    };
    await deps.t.agreements.create(agreementKey(agreement.id), agreement);
    const startUtc = `${date}T10:00:00Z`;
    const endUtc = `${date}T12:00:00Z`;
    const created = await deps.calendar.createEvents(sm.id, [{ transactionId: '00000000-0000-4000-8000-00000000f1f1', subject: 'Supervision', body: 'Supervision session', startUtc, endUtc,
      attendees: [{ email: report.mail, name: report.displayName }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440 }]);
    const eventId = created.created[0]!.eventId;
    await deps.t.sessions.create(sessionKey(agreement.id, 'sync-first-s01'), { sessionId: 'sync-first-s01', agreementId: agreement.id, date, start: '10:00', minutes: 120, startUtc, endUtc, rule: 'CA-F5', status: 'booked', eventId });
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    await graph.api(`/users/${sm.id}/events/${eventId}`).delete();

    expect(await syncSupervisorCalendar(deps, sm.id)).toMatchObject({ postponed: 1 });
    expect((await deps.t.sessions.get(sessionKey(agreement.id, 'sync-first-s01')))?.value.status).toBe('postponed');
  });
});
