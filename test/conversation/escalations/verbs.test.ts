import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import type { ConversationContext } from '../../../src/conversation/context.js';
import { handleVerb } from '../../../src/conversation/handle-message.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { sweepOnce, type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { auditPartition } from '../../../src/repositories/escalations.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { getPack } from '../../../src/policy/packs.js';
import { useAzurite } from '../../support/azurite.js';
import { startTenant } from '../../sandbox/helpers.js';
import { setup, sweepTime } from '../../jobs/sweep/support.js';

const azurite = useAzurite();
let tenant: SandboxTenant;
beforeAll(async () => { tenant = await startTenant(); });
afterAll(async () => { await tenant.close(); });

const OBLIGATION = 'session-frequency:monthly/2026-02-05:2026-03-04';

async function world() {
  const p = (alias: string) => findPerson(tenant.org, alias)!;
  const [tm, sm, hos] = [p('tm1'), p('sm1'), p('dir')];
  const sw = tenant.org.people.find((x) => x.managerAlias === 'tm1')!;
  const graph = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  const directory = new GraphDirectory(graph);
  // Sefton: January held; February's session postponed and never rebooked.
  const { deps, messenger } = await setup(azurite.connectionString, [{
    id: 'ev-1', policyId: 'sefton', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, agreementDate: '2026-01-05',
    sessions: [{ date: '2026-01-13', status: 'held' }, { date: '2026-02-10', status: 'postponed' }],
    facts: { records: { '2026-01-13': { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-14' } } },
  }], { managers: { [sw.id]: tm.id, [tm.id]: sm.id, [sm.id]: hos.id }, settings: { fallback: { personId: hos.id, role: 'Head of Service' } } });
  for (let d = '2026-03-04'; d <= '2026-03-09'; d = addDays(d, 1)) await sweepOnce(deps, { now: sweepTime(d) });
  let now = '2026-03-09T12:00:00Z';
  const ctx: ConversationContext = {
    directory, councilName: 'Sefton',
    escalations: { escalations: deps.escalations, agreements: deps.agreements, calendar: new GraphCalendar({ client: graph }), directory, packFor: getPack, now: () => now },
  };
  const as = (person: { id: string; displayName: string }) => ({ personId: person.id, displayName: person.displayName });
  return { tm, sm, hos, sw, deps, messenger, ctx, as, setNow: (v: string) => { now = v; } };
}

const notes = async (deps: SweepDeps) => (await deps.escalations.tables.audit.list(auditPartition('2026-03-09'))).items.map((e) => e.value).filter((e) => e.event === 'note' || e.event === 'acknowledged');

describe('escalation card verbs (issue 6 item 4; Azurite and the sandbox tenant)', () => {
  it('acknowledge: only the manager it reached; once; it stops the next tier', async () => {
    const w = await world();
    // The nudge (postponement reason not recorded, SE-E6; the month's session), then two escalations to sm1.
    expect(w.messenger.sent.map((s) => s.personId)).toEqual([w.tm.id, w.sm.id, w.sm.id]);
    const data = { agreementId: 'ev-1', obligationId: OBLIGATION };
    // The supervisor was nudged, not escalated to; a stranger got nothing.
    expect((await handleVerb(w.ctx, w.as(w.tm), 'escalationAcknowledge', data))?.refusal).toMatchObject({ code: 'forbidden', message: expect.stringContaining('sent to someone else') });
    expect((await handleVerb(w.ctx, w.as(w.hos), 'escalationAcknowledge', data))?.refusal?.code).toBe('forbidden');
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationAcknowledge', { agreementId: 'ev-1' }))?.refusal).toMatchObject({ code: 'invalid_input' });
    const first = await handleVerb(w.ctx, w.as(w.sm), 'escalationAcknowledge', data);
    expect(first?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('Acknowledged') });
    const again = await handleVerb(w.ctx, w.as(w.sm), 'escalationAcknowledge', data);
    expect(again?.replies[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('already acknowledged') });
    expect((await notes(w.deps)).map((e) => `${e.event} ${e.recipientId}`)).toEqual([`acknowledged ${w.sm.id}`]);
    for (let d = '2026-03-10'; d <= '2026-03-20'; d = addDays(d, 1)) await sweepOnce(w.deps, { now: sweepTime(d) });
    const march = (await w.deps.escalations.tables.audit.list(auditPartition('2026-03-01'))).items.map((e) => e.value);
    // The other, unacknowledged escalation climbs on; the acknowledged one stops.
    expect(march.filter((e) => e.event === 'next-tier').map((e) => e.obligationId.split(':')[0])).toEqual(['postponement-recorded']);
  });

  it('add a note: kept in the audit log by the addressee, once; an empty note is refused', async () => {
    const w = await world();
    const data = { agreementId: 'ev-1', obligationId: OBLIGATION, field: 'note_0', note_0: 'Spoke to the supervisor; booked for next week.' };
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationNote', data))?.replies[0]).toMatchObject({ text: expect.stringContaining('saved') });
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationNote', data))?.replies[0]).toMatchObject({ text: 'That note was already saved.' });
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationNote', { ...data, note_0: '  ' }))?.refusal).toMatchObject({ code: 'invalid_input', message: 'Write the note first.' });
    expect((await handleVerb(w.ctx, w.as(w.hos), 'escalationNote', data))?.refusal?.code).toBe('forbidden');
    // The supervisor it nudged may add a note too.
    await handleVerb(w.ctx, w.as(w.tm), 'escalationNote', { ...data, note_0: 'Manager off sick.' });
    expect((await notes(w.deps)).map((e) => `${e.recipientId === w.sm.id ? 'sm' : 'tm'}: ${e.note}`)).toEqual(['sm: Spoke to the supervisor; booked for next week.', 'tm: Manager off sick.']);
  });

  it('rebook now: the supervisor gets the postponement card with times free for both; a manager is told only the supervisor books', async () => {
    const w = await world();
    const data = { agreementId: 'ev-1', obligationId: OBLIGATION };
    const out = await handleVerb(w.ctx, w.as(w.tm), 'escalationRebook', data);
    const reply = out?.replies[0];
    expect(reply?.kind).toBe('card');
    const json = JSON.stringify(reply?.kind === 'card' ? reply.card : {});
    expect(json).toContain('"verb":"sessionRebook"');
    expect(json).toContain('"sessionId":"ev-1-s002"');
    expect(json).toContain('Rebook the supervision with');
    // Sefton sets no rebooking limit (¶3.4 "earliest opportunity"): times over the next working days, after today.
    const slots = [...json.matchAll(/"value":"(\d{4}-\d{2}-\d{2}T[^|"]+Z)\|/g)].map((m) => m[1] ?? '');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s > '2026-03-10T00:00:00Z')).toBe(true);
    expect((await handleVerb(w.ctx, w.as(w.sm), 'escalationRebook', data))?.refusal).toMatchObject({ code: 'forbidden', message: 'Only the supervisor books supervision sessions.' });
    expect((await handleVerb(w.ctx, w.as(w.tm), 'escalationRebook', { agreementId: 'ev-1', obligationId: 'record-shared:session-2026-01-13:2026-01-20' }))?.refusal?.code).toBe('invalid_input');
  });

  it('not wired: a clear refusal, not a crash', async () => {
    const w = await world();
    const bare: ConversationContext = { directory: w.ctx.directory, councilName: 'Sefton' };
    expect((await handleVerb(bare, w.as(w.sm), 'escalationAcknowledge', { agreementId: 'ev-1', obligationId: OBLIGATION }))?.refusal?.code).toBe('unavailable');
  });
});
