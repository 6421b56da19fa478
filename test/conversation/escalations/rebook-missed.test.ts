import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleVerb } from '../../../src/conversation/handle-message.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { sweepOnce } from '../../../src/jobs/sweep/index.js';
import { NoticeRepository, noticeTable } from '../../../src/repositories/notices.js';
import { DID_NOT_TAKE_PLACE } from '../../../src/usecases/escalations/rebook-from-escalation.js';
import { getPack } from '../../../src/policy/packs.js';
import { isSpecified } from '../../../src/policy/schema.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { useAzurite } from '../../support/azurite.js';
import { startTenant } from '../../sandbox/helpers.js';
import { recordOf, setup, sweepTime, type AgreementSpec } from '../../jobs/sweep/support.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

const OBLIGATION = 'session-frequency:monthly/2026-02-05:2026-03-04';

/**
 * Sefton: January held; February's session booked in both calendars and its time passed with no
 * record (it simply did not happen). The sweep counts it as not held and escalates.
 */
async function world(alias: string) {
  const p = (a: string) => findPerson(tenant.org, a)!;
  const tm = p(alias);
  const sm = p(tm.managerAlias!);
  const hos = p(sm.managerAlias!);
  const sw = tenant.org.people.find((x) => x.managerAlias === alias)!;
  const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  const directory = new GraphDirectory(graph);
  const calendar = new GraphCalendar({ client: graph });
  const spec: AgreementSpec = {
    id: 'ms-1', policyId: 'sefton', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, agreementDate: '2026-01-05',
    sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'booked' }],
    facts: { records: { '2026-01-13': { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-14' } } },
  };
  const { deps, messenger, storage } = await setup(azurite.connectionString, [spec], { managers: { [sw.id]: tm.id, [tm.id]: sm.id, [sm.id]: hos.id }, settings: { fallback: { personId: hos.id, role: 'Head of Service' } } });
  const notices = new NoticeRepository(noticeTable(storage));
  await storage.ensureCreated();
  for (let d = '2026-03-04'; d <= '2026-03-09'; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d) });
  const now = () => '2026-03-09T12:00:00Z';
  const ctx: ConversationContext = {
    directory, councilName: 'Sefton',
    escalations: { escalations: deps.escalations, agreements: deps.agreements, records: deps.records, calendar, directory, packFor: getPack, now },
    sessions: { calendar, agreements: deps.agreements, directory, packFor: getPack, now, notices },
  };
  const as = (person: { id: string; displayName: string }) => ({ personId: person.id, displayName: person.displayName });
  const february = () => deps.agreements.session('ms-1', 'ms-1-s002');
  return { tm, sm, sw, spec, deps, messenger, ctx, as, february };
}

const cardJson = (out: Awaited<ReturnType<typeof handleVerb>>) => {
  const reply = out?.replies[0];
  return JSON.stringify(reply?.kind === 'card' ? reply.card : reply);
};

describe('rebook now for a booked session that simply did not take place (issue 6 item 4; Camden §7 (L142))', () => {
  it('marks it postponed with the reason "did not take place", offers the rebook card, and sessionRebook books it in both calendars', async () => {
    const w = await world('tm1');
    // The escalation reached the supervisor (nudge) for February's month.
    expect(w.messenger.sent.some((s) => s.personId === w.tm.id)).toBe(true);
    const data = { agreementId: 'ms-1', obligationId: OBLIGATION };
    const out = await handleVerb(w.ctx, w.as(w.tm), 'escalationRebook', data);
    expect(out?.refusal).toBeUndefined();
    const json = cardJson(out);
    expect(json).toContain('"verb":"sessionRebook"');
    expect(json).toContain('"sessionId":"ms-1-s002"');
    expect(json).toContain('did not take place');
    const postponed = await w.february();
    expect(postponed?.status).toBe('postponed');
    expect(postponed?.postponements).toEqual([{ recordedAt: '2026-03-09T12:00:00Z', recordedBy: w.tm.id, reason: DID_NOT_TAKE_PLACE, fromDate: '2026-02-10', toDate: '2026-02-10' }]);

    // Pressed twice: the same card, the postponement kept once.
    expect(cardJson(await handleVerb(w.ctx, w.as(w.tm), 'escalationRebook', data))).toContain('"sessionId":"ms-1-s002"');
    expect((await w.february())?.postponements).toHaveLength(1);

    // The card's submit books the new time (session-notices.ts rebookFromCard).
    const slot = [...json.matchAll(/"value":"(\S+?Z\|\S+?Z)"/g)].map((m) => m[1] ?? '')[0];
    expect(slot).toBeDefined();
    const reasons = getPack('sefton').postponement.allowedReasons;
    const reasonId = isSpecified(reasons) ? reasons.value[0]?.id : undefined;
    const booked = await handleVerb(w.ctx, w.as(w.tm), 'sessionRebook', { agreementId: 'ms-1', sessionId: 'ms-1-s002', slot, ...(reasonId ? { reasonId } : { reason: 'Manager off sick' }) });
    expect(booked?.refusal).toBeUndefined();
    expect(booked?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('Rebooked for') });
    const after = await w.february();
    expect(after).toMatchObject({ status: 'booked', startUtc: slot!.split('|')[0] });
    expect(after?.postponements?.map((x) => x.reason)[0]).toBe(DID_NOT_TAKE_PLACE);
    expect(after?.postponements).toHaveLength(2);
    const events = [...tenant.store.mailbox(w.tm.id).values()].filter((e) => e.id === after?.eventId);
    expect(events).toHaveLength(1);
    expect([...tenant.store.mailbox(w.sw.id).values()].filter((e) => e.data.iCalUId === events[0]?.data.iCalUId)).toHaveLength(1);
  });

  it('a session that has a record did take place: nothing is marked; a manager is still told only the supervisor books', async () => {
    const w = await world('tm2');
    await w.deps.records.create(recordOf(w.spec, 'ms-1-s002', '2026-02-10', { sharedOn: '2026-02-11' }));
    const out = await handleVerb(w.ctx, w.as(w.tm), 'escalationRebook', { agreementId: 'ms-1', obligationId: OBLIGATION });
    expect(out?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('No postponed, cancelled or missed session') });
    expect((await w.february())?.status).toBe('booked');
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationRebook', { agreementId: 'ms-1', obligationId: OBLIGATION }))?.refusal?.code).toBe('forbidden');
    expect((await w.february())?.status).toBe('booked');
  });

  it('where session records are not wired, nothing is marked (a session that took place must never become postponed)', async () => {
    const w = await world('tm3');
    const { records: _records, ...withoutRecords } = w.ctx.escalations!;
    const ctx: ConversationContext = { ...w.ctx, escalations: withoutRecords };
    const out = await handleVerb(ctx, w.as(w.tm), 'escalationRebook', { agreementId: 'ms-1', obligationId: OBLIGATION });
    expect(out?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('No postponed, cancelled or missed session') });
    expect((await w.february())?.status).toBe('booked');
  });
});
