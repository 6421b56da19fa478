import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { createRepositories } from '../../../src/repositories/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { recordPostponement, type RecordPostponementDeps } from '../../../src/usecases/sessions/record-postponement.js';
import { useAzurite } from '../../support/azurite.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(() => tenant.close());

const workingDays = createWorkingCalendar({ nation: 'england-and-wales' });
/** The first working day at least `days` ahead (bank holidays included), at 10:00 UTC. */
function weekdayAhead(days: number): string {
  const day = nextWorkingDayOnOrAfter(workingDays, new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));
  return `${day}T10:00:00Z`;
}
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000', '');

describe('recording a postponement and its new date (Camden §6 (L102) CA-E2, §7 (L142) CA-D2)', () => {
  it('books the new time in both calendars, keeps the reason, refuses reasons the policy does not allow, and does not double-book', async () => {
    const storage = createStorage(azurite.connectionString);
    const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 });
    const deps: RecordPostponementDeps = {
      calendar: new GraphCalendar({ client }),
      agreements: createRepositories(storage).agreements,
      directory: new GraphDirectory(client),
      packFor: getPack,
      now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await storage.ensureCreated();
    const tm = findPerson(tenant.org, 'tm1')!;
    const sw = tenant.org.people.find((p) => p.managerAlias === 'tm1')!;
    const original = weekdayAhead(1);
    const agreement: Agreement = {
      id: 'pp-a1',
      terms: { policyId: 'camden', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: original.slice(0, 10),
        weekday: 1, time: '10:00', minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: original.slice(0, 10) },
      status: 'booked', signatures: {}, comments: [], createdAt: deps.now(), updatedAt: deps.now(),
    };
    await deps.agreements.create(agreement);
    const session: PlannedSession = { sessionId: 'pp-a1-s01', agreementId: agreement.id, date: original.slice(0, 10), start: '10:00', minutes: 120, startUtc: original, endUtc: plus(original, 120), rule: 'CA-F1', status: 'postponed' };
    await deps.agreements.createSession(session);

    const newTime = weekdayAhead(Date.parse(original) - Date.now() > 86_400_000 ? Math.ceil((Date.parse(original) - Date.now()) / 86_400_000) + 1 : 2);
    const input = { agreementId: agreement.id, sessionId: session.sessionId, byPersonId: tm.id, startUtc: newTime, endUtc: plus(newTime, 120) };
    await expect(recordPostponement(deps, { ...input, reasonId: 'training' })).rejects.toThrow(/reasons your policy allows: An urgent situation has arisen on a case/);
    await expect(recordPostponement(deps, { ...input, byPersonId: sw.id, reasonId: 'urgent-case-situation' })).rejects.toMatchObject({ code: 'forbidden' });

    const done = await recordPostponement(deps, { ...input, reasonId: 'urgent-case-situation' });
    expect(done.session).toMatchObject({ status: 'booked', startUtc: newTime, postponements: [{ reasonId: 'urgent-case-situation', fromDate: original.slice(0, 10), toDate: newTime.slice(0, 10) }] });
    const again = await recordPostponement(deps, { ...input, reasonId: 'urgent-case-situation' });
    expect(again.session.eventId).toBe(done.session.eventId);

    const events = (await client.api(`/users/${sw.id}/calendarView`).query({ startDateTime: newTime, endDateTime: plus(newTime, 120) }).get()) as { value: { subject: string }[] };
    expect(events.value.filter((e) => e.subject.startsWith('Supervision'))).toHaveLength(1);
  });
});
