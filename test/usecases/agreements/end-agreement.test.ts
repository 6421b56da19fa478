import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { endAgreement, type EndAgreementDeps } from '../../../src/usecases/agreements/end-agreement.js';
import { repositoriesOn } from '../../support/repositories.js';
import { agreementKey, sessionKey } from '../../../src/repositories/tables.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('ending an agreement (issue 4 item 6: change of supervisor, end, annual review)', () => {
  it('cancels future events with a message to both, keeps held sessions, needs a new agreement, and is safe to rerun', async () => {
    const storage = createStorage(azurite.connectionString);
    const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 });
    const { repos, t } = repositoriesOn(storage);
    const deps: EndAgreementDeps = {
      calendar: new GraphCalendar({ client }),
      agreements: repos.agreements,
      notices: repos.notices,
      now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await storage.ensureCreated();
    const tm = findPerson(tenant.org, 'tm1')!;
    const sw = tenant.org.people.find((p) => p.managerAlias === 'tm1')!;
    const agreement: Agreement = {
      id: 'end-a1',
      terms: {
        policyId: 'sefton', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: iso(-40).slice(0, 10),
        weekday: 1, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: iso(300).slice(0, 10),
      },
      status: 'booked', signatures: {}, comments: [], createdAt: iso(-40), updatedAt: iso(-40),
    };
    await t.agreements.create(agreementKey(agreement.id), agreement);
    const offsets = [-10, 20, 50];
    const created = await deps.calendar.createEvents(tm.id, offsets.map((o, i) => ({
      transactionId: `00000000-0000-4000-8000-0000000e000${i}`, subject: 'Supervision', body: 'Supervision session', startUtc: iso(o), endUtc: iso(o + 0.0625),
      attendees: [{ email: sw.mail, name: sw.displayName }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440,
    })));
    expect(created.failed).toEqual([]);
    for (const [i, o] of offsets.entries()) {
      const session: PlannedSession = {
        sessionId: `end-a1-s0${i + 1}`, agreementId: agreement.id, date: iso(o).slice(0, 10), start: '10:00', minutes: 90, startUtc: iso(o), endUtc: iso(o + 0.0625),
        rule: 'SE-F6', status: o < 0 ? 'held' : 'booked', eventId: created.created[i]!.eventId,
      };
      await t.sessions.create(sessionKey(agreement.id, session.sessionId), session);
    }

    await expect(endAgreement(deps, agreement.id, 'change-of-supervisor', findPerson(tenant.org, 'dir')!.id)).rejects.toMatchObject({ code: 'forbidden' });

    expect(await endAgreement(deps, agreement.id, 'change-of-supervisor', tm.id)).toEqual({ cancelled: 2 });
    expect((await t.agreements.get(agreementKey(agreement.id)))?.value.status).toBe('ended');
    const statuses = await Promise.all(offsets.map((_, i) => t.sessions.get(sessionKey(agreement.id, `end-a1-s0${i + 1}`))));
    expect(statuses.map((s) => s?.value.status)).toEqual(['held', 'cancelled', 'cancelled']);

    // Outlook: the organizer's future events are gone; the held one stays.
    await expect(client.api(`/users/${tm.id}/events/${created.created[1]!.eventId}`).get()).rejects.toMatchObject({ statusCode: 404 });
    expect((await client.api(`/users/${tm.id}/events/${created.created[0]!.eventId}`).get()).id).toBe(created.created[0]!.eventId);

    for (const person of [tm.id, sw.id]) {
      const notices = (await t.notices.list(person)).items.map((n) => n.value);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'agreement-ended', cause: 'change-of-supervisor' });
      expect(notices[0]?.violations[0]?.reason).toMatch(/new supervision agreement is needed/);
    }

    // Running it again (a retried command, a crash mid-way) changes nothing more.
    expect(await endAgreement(deps, agreement.id, 'change-of-supervisor', tm.id)).toEqual({ cancelled: 0 });
    expect((await t.notices.list(tm.id)).items).toHaveLength(1);
  });
});
