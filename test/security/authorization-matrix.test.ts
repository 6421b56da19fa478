/**
 * Who may do what (issue 16 item 2): every card verb and HTTP route against every role, the
 * manager chain and a stranger included, generated from the one table below. A cell is
 * `allowed` (the action is not refused for who the person is: it may still be refused for the
 * state things are in) or `refused` (403, and the refusal audited). The table is the policy; a
 * change to who may do something is a change to this table.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import { knownVerbs } from '../../src/conversation/handle-message.js';
import { termsHash } from '../../src/domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../src/domain/agreements/types.js';
import { openRecord, shareVersion } from '../../src/domain/records/lifecycle.js';
import { ledgerKey } from '../../src/repositories/escalations.js';
import { createRepositories } from '../../src/repositories/index.js';
import { RefusalRepository, refusalLog } from '../../src/repositories/refusals.js';
import { findPerson } from '../../src/sandbox/demo-org.js';
import { recordContent } from '../adapters/pdf/record-fixture.js';
import { useBot, type Person } from '../support/bot.js';

const { stack, bot, person } = useBot();

type Role = 'supervisee' | 'supervisor' | 'manager' | 'next tier' | 'peer' | 'stranger' | 'unknown' | 'anonymous';
const ROLES: readonly Role[] = ['supervisee', 'supervisor', 'manager', 'next tier', 'peer', 'stranger', 'unknown', 'anonymous'];
const KNOWN: readonly Role[] = ['supervisee', 'supervisor', 'manager', 'next tier', 'peer', 'stranger'];
const PARTIES: readonly Role[] = ['supervisee', 'supervisor'];

/** What a verb's card carries, built on a world of its own (so one verb's allowed press never changes another's). */
type DataFor = (w: World) => Record<string, unknown>;

interface VerbRow {
  readonly allowed: readonly Role[];
  readonly data: DataFor;
  /** Refused by showing the card again with its errors, and storing nothing (the agreement form's own checks). */
  readonly refusedOnCard?: readonly Role[];
  /** The allowed may still be refused for the state of things (a time the policy would not offer, a record already shared); otherwise they succeed. */
  readonly stateMayRefuse?: true;
}

const agreementForm = (w: World, agreementId: string) => ({
  agreementId, superviseeId: w.sw.id, rolePhase: '', employmentStart: '2020-01-06', agreementDate: w.inDays(10), weekday: '2', time: '10:00', minutes: '90',
  format: 'teams', location: '', keyTasks: 'Assessments', othersWhoMaySee: '', seniorManagerId: '', reviewDate: w.inDays(370),
});

/** THE TABLE: every card verb (test below checks none is missing), who may press it, and its card's data. */
const VERBS: Readonly<Record<string, VerbRow>> = {
  showHelp: { allowed: ROLES, data: () => ({}) },
  agreementNew: { allowed: KNOWN, data: () => ({}) },
  agreementSubmit: { allowed: ['supervisor'], refusedOnCard: ['supervisee', 'manager', 'next tier', 'peer', 'stranger'], data: (w) => agreementForm(w, randomUUID()) },
  agreementSign: { allowed: PARTIES, data: (w) => ({ agreementId: w.draft.id, hash: termsHash(w.draft) }) },
  agreementRequestChanges: { allowed: ['supervisee'], data: (w) => ({ agreementId: w.draft.id, comment: 'Please make it a Wednesday.' }) },
  agreementEdit: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.draft.id }) },
  agreementRevise: { allowed: ['supervisor'], data: (w) => agreementForm(w, w.draft.id) },
  agreementResend: { allowed: PARTIES, data: (w) => ({ agreementId: w.draft.id }) },
  agreementShow: { allowed: PARTIES, data: (w) => ({ agreementId: w.booked.id }) },
  agreementEnd: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.booked.id, reason: 'agreement-ended' }) },
  sessionRebook: { allowed: ['supervisor'], stateMayRefuse: true, data: (w) => ({ agreementId: w.booked.id, sessionId: w.postponed.sessionId, reasonId: 'x', reason: 'Sickness', slot: `${w.inDays(2)}T10:00:00Z|${w.inDays(2)}T11:30:00Z` }) },
  threeWayBook: { allowed: ['supervisee', 'supervisor', 'manager'], data: (w) => ({ superviseeId: w.sw.id, concernDate: w.concernDate, slot: w.threeWaySlot }) },
  agendaAdd: { allowed: PARTIES, data: (w) => ({ agreementId: w.booked.id, sessionId: w.upcoming.sessionId, itemId: randomUUID(), newItem: 'Training plan', caseRef: '' }) },
  agendaConfirm: { allowed: PARTIES, data: (w) => ({ agreementId: w.booked.id, sessionId: w.upcoming.sessionId, itemId: randomUUID(), text: 'Caseload this month' }) },
  // Says "Not added." to whoever presses it: it reads and writes nothing.
  agendaDecline: { allowed: ROLES, data: () => ({}) },
  preparationShow: { allowed: ['supervisee'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.upcoming.sessionId }) },
  preparationSave: { allowed: ['supervisee'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.upcoming.sessionId, p1: 'My caseload is heavy.' }) },
  recordOpen: { allowed: PARTIES, data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId }) },
  recordSaveDraft: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, discussion: 'Draft' }) },
  recordShare: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, basedOn: 1, actionIds: 'a1' }) },
  recordNotHeld: { allowed: ['supervisor'], stateMayRefuse: true, data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, notHeldOutcome: 'postponed', notHeldReason: 'Sickness' }) },
  recordSign: { allowed: ['supervisee'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, hash: w.recordHash }) },
  recordDisagree: { allowed: ['supervisee'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, hash: w.recordHash, disagreement: 'The date was Monday.' }) },
  recordAmend: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId }) },
  // A review or milestone's record (issue 14 item 1): the world's session record is not one, so the allowed are refused for its state.
  recordMilestone: { allowed: ['supervisor'], stateMayRefuse: true, data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, basedOn: '0', heldOn: w.inDays(-1), outcome: 'Held; progress is good.' }) },
  recordMilestoneNotHeld: { allowed: ['supervisor'], stateMayRefuse: true, data: (w) => ({ agreementId: w.booked.id, sessionId: w.past.sessionId, notHeldReason: 'The supervisee was ill.' }) },
  // The ledger sent a nudge to the supervisor, an escalation to their manager and to the next tier.
  escalationAcknowledge: { allowed: ['manager', 'next tier'], data: (w) => ({ agreementId: w.booked.id, obligationId: w.obligationId }) },
  escalationNote: { allowed: ['supervisor', 'manager', 'next tier'], data: (w) => ({ agreementId: w.booked.id, obligationId: w.obligationId, field: 'note_1', note_1: 'Spoken to the team manager.' }) },
  escalationRebook: { allowed: ['supervisor'], data: (w) => ({ agreementId: w.booked.id, obligationId: w.obligationId }) },
};

/** HTTP routes in sandbox mode, where every caller is on this machine (tenant mode's tokens: forged-tokens.test.ts). */
const ROUTES: readonly { route: string; method: string; body?: unknown; status: number }[] = [
  { route: '/healthz', method: 'GET', status: 200 },
  { route: '/api/graph-notifications?validationToken=abc', method: 'POST', body: {}, status: 200 },
  { route: '/api/graph-notifications', method: 'POST', body: { value: [] }, status: 202 },
  { route: '/api/sandbox/clock', method: 'POST', body: {}, status: 200 },
  { route: '/api/messages', method: 'GET', status: 405 },
];

interface World {
  readonly sw: Person;
  readonly tm: Person;
  readonly booked: Agreement;
  readonly draft: Agreement;
  readonly past: PlannedSession;
  readonly upcoming: PlannedSession;
  readonly postponed: PlannedSession;
  readonly recordHash: string;
  readonly obligationId: string;
  readonly concernDate: string;
  readonly threeWaySlot: string;
  readonly inDays: (n: number) => string;
}

const people = {} as Record<Role, Person | undefined>;
beforeAll(() => {
  const org = stack().tenant.org;
  const tm = person('tm1');
  const reports = org.people.filter((p) => p.managerAlias === 'tm1');
  const manager = findPerson(org, findPerson(org, 'tm1')!.managerAlias!)!;
  const nextTier = findPerson(org, manager.managerAlias!)!;
  const asPerson = (alias: string): Person => person(alias);
  const stranger = org.people.find((p) => p.managerAlias === 'tm2')!;
  Object.assign(people, {
    supervisee: asPerson(reports[0]!.alias), supervisor: tm, manager: asPerson(manager.alias), 'next tier': asPerson(nextTier.alias),
    peer: asPerson(reports[1]!.alias), stranger: asPerson(stranger.alias), unknown: { id: '00000000-dead-4bad-8bad-000000000001', name: 'Not In The Directory', mail: 'x@example.invalid', jobTitle: '' }, anonymous: undefined,
  });
});

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A booked agreement with a past session (its record shared), an upcoming one and a postponed one; a draft awaiting the supervisee; a concern; the sweep's ledger. */
async function world(): Promise<World> {
  const sw = people.supervisee!;
  const tm = people.supervisor!;
  const repos = createRepositories(createStorage(stack().azurite.connectionString));
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const terms = { policyId: 'sefton', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: inDays(-30),
    weekday: 2 as const, time: '10:00', minutes: 90, format: { kind: 'teams' as const }, keyTasks: '', othersWhoMaySee: [], reviewDate: inDays(330) };
  const base = { signatures: {}, comments: [], createdAt: now, updatedAt: now, parties: { supervisorName: tm.name, superviseeName: sw.name } };
  const booked: Agreement = { id: randomUUID(), terms, status: 'booked', ...base };
  const draft: Agreement = { id: randomUUID(), terms: { ...terms, agreementDate: inDays(10) }, status: 'awaiting-supervisee', ...base };
  await Promise.all([booked, draft].flatMap((a) => [
    repos.agreements.create(a),
    repos.agreements.link(tm.id, { agreementId: a.id, party: 'supervisor', createdAt: now }),
    repos.agreements.link(sw.id, { agreementId: a.id, party: 'supervisee', createdAt: now }),
  ]));
  const session = (n: number, days: number, status: PlannedSession['status']): PlannedSession => ({
    sessionId: `${booked.id}-s0${n}`, agreementId: booked.id, date: inDays(days), start: '10:00', minutes: 90, startUtc: `${inDays(days)}T10:00:00Z`, endUtc: `${inDays(days)}T11:30:00Z`, rule: 'SE-F1', status,
  });
  const past = session(1, -7, 'booked');
  const upcoming = session(2, 14, 'booked');
  const postponed = session(3, 5, 'postponed');
  await Promise.all([past, upcoming, postponed].map((s) => repos.agreements.createSession(s)));
  const opened = openRecord({ agreementId: booked.id, sessionId: past.sessionId, sessionDate: past.date, policyId: 'sefton', templateId: 'welfare-supervision-record',
    supervisor: { id: tm.id, name: tm.name }, supervisee: { id: sw.id, name: sw.name } }, now);
  const shared = shareVersion(opened, { id: tm.id, name: tm.name }, recordContent({ actions: [] }), 0, now);
  await repos.records.create(shared);
  const obligationId = `session-frequency:monthly/${inDays(-40)}:${inDays(-10)}`;
  const recipients: [string, string][] = [['nudge', tm.id], ['line-manager', people.manager!.id], ['next-tier', people['next tier']!.id]];
  await Promise.all(recipients.map(([step, recipientId]) =>
    repos.escalations.tables.ledger.create(ledgerKey(booked.id, `${obligationId}|${step}|${recipientId}`), { obligationId, step: step as 'nudge', recipientId, day: inDays(-1), state: 'sent', digest: `${inDays(-1)}/${recipientId}` })));
  const concernDate = inDays(0);
  const slotStart = `${inDays(3)}T14:00:00Z`;
  const threeWaySlot = `${slotStart}|${inDays(3)}T15:00:00Z`;
  await repos.concerns.create({ superviseeId: sw.id, concernDate }, { raisedAt: now, supervisorId: tm.id, lineManagerId: people.manager!.id, proposedSlots: [{ startUtc: slotStart, endUtc: `${inDays(3)}T15:00:00Z` }] });
  return { sw, tm, booked, draft, past, upcoming, postponed, recordHash: shared.versions[0]!.hash, obligationId, concernDate, threeWaySlot, inDays };
}

async function pressAs(role: Role, verb: string, data: Record<string, unknown>): Promise<{ status: number; code?: string | undefined; message?: string | undefined; card: boolean }> {
  const who = people[role];
  const from = who ? { id: `29:${who.id}`, name: who.name, aadObjectId: who.id } : { id: '29:anonymous', name: 'Anonymous' };
  const res = await bot.send(people.supervisee!, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } }, from });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { statusCode: number; type: string; value: { code?: string; message?: string } };
  return { status: body.statusCode, code: body.value?.code, message: body.value?.message, card: body.type === 'application/vnd.microsoft.card.adaptive' };
}

describe('authorization matrix (issue 16 item 2)', () => {
  it('the table names every card verb there is', () => {
    expect(Object.keys(VERBS).sort()).toEqual([...knownVerbs].sort());
  });

  for (const [verb, row] of Object.entries(VERBS)) {
    it(row.allowed.length === ROLES.length ? `${verb}: anyone may` : `${verb}: ${row.allowed.join(', ')} may; every other role is refused and audited`, async () => {
      const w = await world();
      const audit = new RefusalRepository(refusalLog(createStorage(stack().azurite.connectionString)));
      const refused = ROLES.filter((r) => !row.allowed.includes(r));
      const cell = async (role: Role): Promise<string> => {
        const data = row.data(w);
        const answer = await pressAs(role, verb, data);
        const allowed = row.allowed.includes(role);
        const onCard = row.refusedOnCard?.includes(role) ?? false;
        const ok = allowed ? (row.stateMayRefuse ? answer.status < 500 && answer.code !== 'forbidden' : answer.status < 400) : onCard ? answer.status === 200 && answer.card : answer.status === 403 && answer.code === 'forbidden';
        if (onCard && typeof data['agreementId'] === 'string') expect(await createRepositories(createStorage(stack().azurite.connectionString)).agreements.get(data['agreementId'])).toBeUndefined();
        return `${role}: ${allowed ? 'allowed' : 'refused'} -> ${answer.status}${answer.code ? ` ${answer.code}` : ''}${ok ? '' : `  WRONG (${answer.message ?? ''})`}`;
      };
      // The refused first, all at once: they must leave the world as it was for the allowed, who go one by one.
      const cells = await Promise.all(refused.map(cell));
      for (const role of row.allowed) cells.push(await cell(role));
      expect(cells.filter((c) => c.includes('WRONG')), cells.join('\n')).toEqual([]);
      // Every refusal of someone the channel named is in the audit log (record views in the records' own).
      const month = new Date().toISOString().slice(0, 7);
      const logged = (await audit.inMonth(month, 5000)).filter((e) => e.what === verb).map((e) => e.byId);
      for (const role of refused) {
        const who = people[role];
        if (!who || row.refusedOnCard?.includes(role) || verb.startsWith('record')) continue;
        expect(logged, `${verb} refused for ${role} is audited`).toContain(who.id);
      }
    });
  }

  it.each(ROUTES)('$method $route answers $status to a caller on this machine', async ({ route, method, body, status }) => {
    const res = await fetch(`${stack().url}${route}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    await res.text();
    expect(res.status).toBe(status);
  });
});
