/**
 * Two runs of the booking job for one agreement at once (issue 16 item 3): in bench:cluster a run
 * found another's plan half-written (rows, no first-session marker), took it for a crash's leftovers
 * (`booking_plan_incomplete`), deleted the rows the live run was still writing and planned again
 * against calendars that had filled meanwhile, and was poisoned (`booking_poisoned`,
 * policy_violation). Here the first run stops after writing some of its rows (a slow instance), the
 * calendars fill, and a second run (another instance) takes the same agreement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { VersionedStore } from '../../../src/domain/ports/storage.js';
import { bookingTransactionPrefix, processBookingJob, type BookingDeps } from '../../../src/jobs/booking/index.js';
import type { LogFields, Logger } from '../../../src/observability/logger.js';
import { AgreementRepository, LINKS_TABLE, type AgreementTables } from '../../../src/repositories/agreements.js';
import { agreementKey, agreementStore, listSessions, sessionStore } from '../../../src/repositories/tables.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { calendarFor, countBy } from '../../adapters/graph/calendar/helpers.js';
import { useAzurite } from '../../support/azurite.js';
import { signedAgreement } from './fixtures.js';
import { until } from '../../support/until.js';

/** The repository of an instance that stops before its `after`-th session row until released. */
class SlowInstanceRepository extends AgreementRepository {
  private written = 0;
  constructor(tables: AgreementTables, private readonly after: number, private readonly stopped: () => void, private readonly resume: Promise<void>) {
    super(tables);
  }

  override async createSession(session: PlannedSession): Promise<'created' | 'exists'> {
    if (this.written++ === this.after) {
      this.stopped();
      await this.resume;
    }
    return super.createSession(session);
  }
}

function capture(): Logger & { events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const at = (event: string, fields: LogFields = {}) => void events.push({ event, fields });
  return { events, debug: at, info: at, warn: at, error: at };
}

const azurite = useAzurite();
let tenant: SandboxTenant;
let agreements: VersionedStore<Agreement>;
let sessions: VersionedStore<PlannedSession>;
let tables: AgreementTables;
let base: Omit<BookingDeps, 'agreements'>;

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-05-20T09:00:00Z', faults: { latencyMs: 2 } });
  const storage = createStorage(azurite.connectionString);
  agreements = agreementStore(storage);
  sessions = sessionStore(storage);
  tables = { agreements, sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) };
  await storage.ensureCreated();
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
  base = { calendar: calendarFor(tenant), directory: new GraphDirectory(client), now: () => new Date('2026-05-21T08:00:00Z') };
});
afterAll(() => tenant?.close());

describe('two instances book one agreement at once (issue 16 item 3)', () => {
  it('the second writes the rest of the first one\'s plan instead of deleting it: booked once, nothing poisoned', async () => {
    const supervisor = findPerson(tenant.org, 'tm2')!;
    const supervisee = findPerson(tenant.org, 'sw5')!;
    const a = signedAgreement(`two-${process.pid}`, supervisor, supervisee);
    await agreements.create(agreementKey(a.id), a);

    let stopped: () => void = () => undefined;
    const hasStopped = new Promise<void>((r) => (stopped = r));
    let resume: () => void = () => undefined;
    const resumed = new Promise<void>((r) => (resume = r));
    const firstLog = capture();
    const first = processBookingJob({ ...base, agreements: new SlowInstanceRepository(tables, 4, stopped, resumed), log: firstLog }, a.id);
    await hasStopped;
    // Some rows written (up to a chunk of them at once; those before the stop may still be in flight), the first session's marker not yet.
    const halfWritten = await until('the first rows', async () => {
      const ids = (await listSessions(sessions, a.id)).map((r) => r.value.sessionId);
      return ids.length > 0 ? ids : undefined;
    }, 10_000, 20);
    expect(halfWritten.length).toBeGreaterThan(0);
    expect(halfWritten.some((id) => /-s0*1$/.test(id))).toBe(false);

    // Meanwhile the supervisee's diary fills (in the bench: with the first run's own meetings).
    const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
    await graph.api(`/users/${supervisee.id}/events`).post({ subject: 'Secondment', showAs: 'oof', start: { dateTime: '2026-05-30T00:00:00', timeZone: 'UTC' }, end: { dateTime: '2027-06-05T00:00:00', timeZone: 'UTC' } });

    const secondLog = capture();
    // Before: booking_plan_incomplete, the first run's rows deleted, then policy_violation (no slot in the full diary).
    const second = await processBookingJob({ ...base, agreements: new AgreementRepository(tables), log: secondLog }, a.id);
    expect(secondLog.events.map((e) => e.event)).not.toContain('booking_plan_incomplete');
    expect(second.agreementStatus).toBe('booked');
    resume();
    const firstDone = await first;
    expect(firstDone.agreementStatus).toBe('booked');

    const rows = (await listSessions(sessions, a.id)).map((r) => r.value);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.every((r) => r.status === 'booked' && r.eventId)).toBe(true);
    const organizer = [...tenant.store.mailbox(supervisor.id).values()].filter((e) => (e.transactionId ?? '').startsWith(bookingTransactionPrefix(a.id)));
    expect(organizer).toHaveLength(rows.length);
    expect([...countBy(organizer, (e) => e.transactionId ?? '').values()].every((n) => n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
    // The plan served its purpose: the booked agreement no longer carries it.
    expect((await agreements.get(agreementKey(a.id)))?.value.plan).toBeUndefined();
  });
});
