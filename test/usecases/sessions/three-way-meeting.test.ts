import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import {
  bookThreeWayMeeting, threeWaySlots, threeWayTransactionId, type ThreeWayDeps,
} from '../../../src/usecases/sessions/three-way-meeting.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { ConcernRepository } from '../../../src/repositories/concerns.js';
import { ZSupervisionConcern } from '../../../src/domain/concerns/schema.js';
import { isolated } from '../../jobs/sweep/support.js';
import { startTenant, testNow } from '../../sandbox/helpers.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

const TODAY = testNow.slice(0, 10);

async function deps(now = testNow): Promise<ThreeWayDeps> {
  const storage = isolated(createStorage(azurite.connectionString), uniqueName('twu'));
  const concerns = new ConcernRepository(storage.versioned('concerns', ZSupervisionConcern));
  await storage.ensureCreated();
  const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  return { concerns, calendar: new GraphCalendar({ client: graph }), directory: new GraphDirectory(graph), pack: getPack('leeds'), now: () => now };
}

describe('bookThreeWayMeeting (Leeds §F (L124–134); rules.md §3.2)', () => {
  it('where the directory names no line manager, the supervisor organises it with the supervisee invited', async () => {
    const d = await deps();
    const hos = findPerson(tenant.org, 'hos2')!;
    const dir = findPerson(tenant.org, 'dir')!;
    const slots = await threeWaySlots(d.calendar, d.pack, [hos.id, dir.id], testNow);
    expect(slots.length).toBeGreaterThan(0);
    // Working hours in London, on working days, after today.
    expect(slots.every((s) => s.startUtc > `${TODAY}T23:00:00Z`)).toBe(true);
    await d.concerns.create({ superviseeId: hos.id, concernDate: TODAY }, { raisedAt: testNow, supervisorId: dir.id, proposedSlots: slots });
    const r = await bookThreeWayMeeting(d, { superviseeId: hos.id, concernDate: TODAY, byPersonId: dir.id, startUtc: slots[0]!.startUtc, endUtc: slots[0]!.endUtc });
    expect(r.kind).toBe('booked');
    if (r.kind !== 'booked') return;
    expect(r.already).toBe(false);
    expect(r.booking).toMatchObject({ organizerId: dir.id, bookedBy: dir.id, state: 'booked', transactionId: threeWayTransactionId(hos.id, TODAY, slots[0]!.startUtc) });
    const event = [...tenant.store.mailbox(dir.id).values()].find((e) => e.id === r.booking.eventId);
    expect(event?.data.attendees?.map((a) => a.emailAddress?.address?.toLowerCase())).toEqual([hos.mail.toLowerCase()]);
    expect(event?.data.subject).toBe(`Supervision concern: ${hos.displayName}, ${dir.displayName}`);
    // No case details in the invitation, and the policy it rests on.
    expect(event?.data.body?.content).toContain('Supervision policy and accountability framework for schools and clusters, section F');
    expect(event?.data.body?.content).not.toMatch(/LE-E1|\(L\d|Leeds \(Education Service\)/);
  });

  it('a time in the past is not booked: fresh times are offered instead', async () => {
    const sw = findPerson(tenant.org, 'sw9')!;
    const tm = findPerson(tenant.org, 'tm3')!;
    const sm = findPerson(tenant.org, 'sm2')!;
    const first = await deps();
    const slots = await threeWaySlots(first.calendar, first.pack, [sw.id, tm.id, sm.id], testNow);
    await first.concerns.create({ superviseeId: sw.id, concernDate: TODAY }, { raisedAt: testNow, supervisorId: tm.id, lineManagerId: sm.id, proposedSlots: slots });
    // Pressed a fortnight later, when every offered time has gone by.
    const later = { ...first, now: () => '2026-03-30T10:00:00Z' };
    const r = await bookThreeWayMeeting(later, { superviseeId: sw.id, concernDate: TODAY, byPersonId: sw.id, startUtc: slots[0]!.startUtc, endUtc: slots[0]!.endUtc });
    expect(r.kind).toBe('slot-taken');
    if (r.kind !== 'slot-taken') return;
    expect(r.freshSlots.length).toBeGreaterThan(0);
    expect(r.freshSlots.every((s) => s.startUtc > '2026-03-31T00:00:00Z')).toBe(true);
    expect((await first.concerns.get({ superviseeId: sw.id, concernDate: TODAY }))?.proposedSlots).toEqual(r.freshSlots);
  });

  it('the transactionId is fixed by concern and time, and differs across them', () => {
    const a = threeWayTransactionId('p1', '2026-03-11', '2026-03-12T10:00:00Z');
    expect(a).toBe(threeWayTransactionId('p1', '2026-03-11', '2026-03-12T10:00:00Z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set([a, threeWayTransactionId('p1', '2026-03-12', '2026-03-12T10:00:00Z'), threeWayTransactionId('p2', '2026-03-11', '2026-03-12T10:00:00Z'), threeWayTransactionId('p1', '2026-03-11', '2026-03-12T11:00:00Z')]).size).toBe(4);
  });
});
