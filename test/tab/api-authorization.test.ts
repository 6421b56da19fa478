import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import { recordAuditPartition } from '../../src/repositories/records.js';
import { api, asPerson, refusalsBy, useTabWorld } from '../support/tab-world.js';

/**
 * Issue 13 "Done when": the tab's API applies the cards' authorization to each role and resource.
 * A supervisee (sw1), their supervisor (tm1), the service manager above them (sm1) and a team
 * manager elsewhere (tm3) ask for each resource; a record goes only to its two parties, managers
 * see statuses in their chain and never content, and every refusal is in the audit log.
 */
const world = useTabWorld();

const as = asPerson(world);

const CONTENT = /Caseload, wellbeing and training|Keep the current caseload|court skills course/;

describe('the tab API: each role against each resource (issue 13 item 5)', () => {
  it('me: each person sees which views are theirs', async () => {
    const sw1 = (await as('sw1', '/api/tab/me')).json as { views: { team: boolean; service: boolean } };
    const tm1 = (await as('tm1', '/api/tab/me')).json as { views: { team: boolean; service: boolean }; supervises: number };
    const sm1 = (await as('sm1', '/api/tab/me')).json as { views: { team: boolean; service: boolean } };
    expect(sw1.views).toEqual({ team: false, service: false });
    expect(tm1.views).toEqual({ team: true, service: false });
    expect(tm1.supervises).toBe(2);
    expect(sm1.views.service).toBe(true);
  }, 60_000);

  it('my supervision: only what the person is party to', async () => {
    const { main } = world().seeded;
    const sw1 = await as('sw1', '/api/tab/supervision');
    expect(sw1.status).toBe(200);
    const view = sw1.json as { waiting: { sessionId: string }[]; filed: unknown[]; agenda?: { items: { text: string }[] }; agreement?: { year: { held: number; upcoming: number } } };
    expect(view.waiting.map((r) => r.sessionId)).toEqual([main.sharedSessionId]);
    expect(view.filed.length).toBeGreaterThan(0);
    expect(view.agenda?.items.map((i) => i.text)).toContain('Training plan for the year');
    expect(view.agreement?.year.held).toBeGreaterThan(0);
    const tm3 = await as('tm3', '/api/tab/supervision');
    expect(tm3.status).toBe(200);
    expect(tm3.text).not.toContain(main.agreementId);
  });

  it('a record: its two parties read it; a manager above them and a stranger are refused and audited', async () => {
    const w = world();
    const { main } = w.seeded;
    const path = `/api/tab/records/${main.agreementId}/${main.sharedSessionId}`;
    const sw1 = await as('sw1', path);
    expect(sw1.status).toBe(200);
    expect(sw1.json).toMatchObject({ canSign: true, role: 'supervisee', status: 'shared' });
    expect(sw1.text).toMatch(CONTENT);
    const tm1 = await as('tm1', path);
    expect(tm1.status).toBe(200);
    expect(tm1.json).toMatchObject({ canSign: false, role: 'supervisor' });
    for (const alias of ['sm1', 'tm3']) {
      const refused = await as(alias, path);
      expect(refused.status, alias).toBe(403);
      expect(refused.text).not.toMatch(CONTENT);
      expect((refused.json as { error: { message: string } }).error.message).toContain('Only the supervisor and the supervisee');
    }
    // Record views keep their own audit log (ids only).
    const storage = createStorage(w.azurite.connectionString);
    const { recordAuditLog } = await import('../../src/repositories/tables.js');
    const audit = await recordAuditLog(storage).list(recordAuditPartition(new Date().toISOString()));
    expect(audit.items.filter((e) => e.value.sessionId === main.sharedSessionId).map((e) => e.value.byId).sort()).toEqual([w.person('sm1').id, w.person('tm3').id].sort());
  });

  it('signing: the supervisor and strangers cannot sign as the supervisee', async () => {
    const { main } = world().seeded;
    const record = (await as('sw1', `/api/tab/records/${main.agreementId}/${main.sharedSessionId}`)).json as { hash: string };
    const body = { agreementId: main.agreementId, sessionId: main.sharedSessionId, hash: record.hash };
    expect((await as('tm1', '/api/tab/records/sign', body)).status).toBe(403);
    expect((await as('sm1', '/api/tab/records/sign', body)).status).toBe(403);
    expect((await as('tm1', '/api/tab/records/disagree', { ...body, text: 'Not mine to say' })).status).toBe(403);
  });

  it('the agenda: the two parties add; a name is refused with the policy\'s reason; others are refused and audited', async () => {
    const w = world();
    const { main } = w.seeded;
    const target = { agreementId: main.agreementId, sessionId: main.nextSessionId };
    const added = await as('sw1', '/api/tab/agenda/items', { ...target, itemId: 'api-item-1', text: 'Caseload review' });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({ added: true });
    const again = await as('sw1', '/api/tab/agenda/items', { ...target, itemId: 'api-item-1', text: 'Caseload review' });
    expect(again.json).toMatchObject({ added: false });
    const named = await as('sw1', '/api/tab/agenda/items', { ...target, itemId: 'api-item-2', text: 'Talk about Jayden Smith', caseRef: '1234567' });
    expect(named.status).toBe(400);
    const error = (named.json as { error: { message: string; why?: { quote: string } } }).error;
    expect(error.message).toContain("looks like a person's name");
    expect(error.why?.quote.length).toBeGreaterThan(10);
    expect((await as('tm1', '/api/tab/agenda/items', { ...target, itemId: 'api-item-3', text: 'Supervisor item' })).status).toBe(200);
    expect((await as('tm3', '/api/tab/agenda/items', { ...target, itemId: 'api-item-4', text: 'Intruder' })).status).toBe(403);
    expect((await as('sm1', '/api/tab/agenda', undefined)).status).toBe(400);
    expect((await as('sm1', `/api/tab/agenda?agreementId=${main.agreementId}`)).status).toBe(403);
    // The supervisee cannot remove the supervisor's item.
    const agenda = (await as('sw1', `/api/tab/agenda?agreementId=${main.agreementId}&sessionId=${main.nextSessionId}`)).json as { items: { itemId: string; removable: boolean; addedBy: string }[] };
    const supervisorItem = agenda.items.find((i) => i.addedBy === 'supervisor')!;
    expect(supervisorItem.removable).toBe(false);
    expect((await as('sw1', '/api/tab/agenda/remove', { ...target, itemId: supervisorItem.itemId })).status).toBe(403);
    expect((await as('tm1', '/api/tab/agenda/remove', { ...target, itemId: supervisorItem.itemId })).json).toMatchObject({ removed: true });
    expect(await refusalsBy(w, 'tm3')).toContain('tab.agenda.add');
    expect(await refusalsBy(w, 'sm1')).toContain('tab.agenda');
    expect(await refusalsBy(w, 'sw1')).toContain('tab.agenda.remove');
  });

  it('actions: the two parties update them; others are refused', async () => {
    const { main } = world().seeded;
    const view = (await as('sw1', '/api/tab/supervision')).json as { actions: { actionId: string; agreementId: string }[] };
    const action = view.actions[0]!;
    expect(action.agreementId).toBe(main.agreementId);
    expect((await as('tm3', '/api/tab/actions/update', { agreementId: action.agreementId, actionId: action.actionId, done: true })).status).toBe(403);
    const noted = await as('sw1', '/api/tab/actions/update', { agreementId: action.agreementId, actionId: action.actionId, done: false, note: 'Course booked for March' });
    expect(noted.status).toBe(200);
    expect((noted.json as { notes: { text: string }[] }).notes.map((n) => n.text)).toContain('Course booked for March');
    expect(await refusalsBy(world(), 'tm3')).toContain('tab.action.update');
  });

  it('my team: supervisors see statuses, never content; drill-in for the chain only', async () => {
    const w = world();
    const tm1 = await as('tm1', '/api/tab/team');
    expect(tm1.status).toBe(200);
    const team = tm1.json as { members: { name: string; recordStatus?: string; year: { outcome: string }[] }[] };
    expect(team.members.map((m) => m.name).sort()).toContain(w.person('sw1').displayName);
    expect(team.members).toHaveLength(2);
    expect(team.members.find((m) => m.name === w.person('sw1').displayName)?.recordStatus).toBe('shared');
    expect(tm1.text).not.toMatch(CONTENT);
    expect((await as('sw1', '/api/tab/team')).status).toBe(403);
    const sw1Id = w.person('sw1').id;
    const drill = await as('sm1', `/api/tab/team/people/${sw1Id}`);
    expect(drill.status).toBe(200);
    expect((drill.json as { sessions: { outcome: string }[] }).sessions.some((s) => s.outcome === 'held')).toBe(true);
    expect(drill.text).not.toMatch(CONTENT);
    expect((await as('tm1', `/api/tab/team/people/${sw1Id}`)).status).toBe(200);
    expect((await as('tm3', `/api/tab/team/people/${sw1Id}`)).status).toBe(403);
    expect((await as('tm1', '/api/tab/team/people/not-a-guid')).status).toBe(400);
    expect(await refusalsBy(w, 'sw1')).toContain('tab.team');
    expect(await refusalsBy(w, 'tm3')).toContain('tab.team.person');
  });

  it('my service: managers of teams see counts for their chain and its CSV; nobody else', async () => {
    const w = world();
    const sm1 = await as('sm1', '/api/tab/service');
    expect(sm1.status).toBe(200);
    const service = sm1.json as { teams: { supervisorId: string }[]; trend: unknown[]; total: { people: number } };
    expect(service.teams.map((t) => t.supervisorId).sort()).toEqual([w.person('tm1').id, w.person('tm2').id].sort());
    expect(service.total.people).toBe(3);
    expect(service.trend).toHaveLength(12);
    expect(sm1.text).not.toMatch(CONTENT);
    const csv = await as('sm1', '/api/tab/service/report.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('scope,id,supervisor_id,people,sessions_due,sessions_held,sessions_late,sessions_lapsed,records_late,escalations');
    // sm2 manages other teams: none of sm1's people.
    const sm2 = await as('sm2', '/api/tab/service');
    expect(sm2.status).toBe(200);
    expect(sm2.text).not.toContain(w.person('tm1').id);
    for (const alias of ['tm1', 'sw1']) {
      expect((await as(alias, '/api/tab/service')).status, alias).toBe(403);
      expect((await as(alias, '/api/tab/service/report.csv')).status, alias).toBe(403);
    }
    expect(await refusalsBy(w, 'tm1')).toContain('tab.service.csv');
  });

  it('the meeting: its two parties; the supervisor starts the record once it has begun', async () => {
    const w = world();
    const { main, other } = w.seeded;
    const sw1 = await as('sw1', `/api/tab/meeting?agreementId=${main.agreementId}`);
    expect(sw1.status).toBe(200);
    expect(sw1.json).toMatchObject({ role: 'supervisee', canStartRecord: false, sessionId: main.nextSessionId });
    expect((await as('tm3', `/api/tab/meeting?agreementId=${main.agreementId}`)).status).toBe(403);
    const bySupervisee = await as('sw1', '/api/tab/meeting/start-record', { agreementId: main.agreementId, sessionId: main.nextSessionId });
    expect(bySupervisee.status).toBe(403);
    // Plain words, not a rule id or another council's paragraph.
    expect((bySupervisee.json as { error: { message: string } }).error.message).toBe('Only the supervisor writes the record; the supervisee reads and signs it afterwards.');
    const early = await as('tm1', '/api/tab/meeting/start-record', { agreementId: main.agreementId, sessionId: main.nextSessionId });
    expect(early.status).toBe(400);
    expect((early.json as { error: { message: string } }).error.message).toContain('once the meeting has begun');
    const started = await as('tm2', '/api/tab/meeting/start-record', { agreementId: other.agreementId, sessionId: other.sessionId });
    expect(started.status).toBe(200);
    expect(['sent', 'unreachable']).toContain((started.json as { outcome: string }).outcome);
    expect((await as('tm1', '/api/tab/meeting/start-record', { agreementId: other.agreementId, sessionId: other.sessionId })).status).toBe(403);
  });

  it('bad input is refused in plain words, never the validator\'s', async () => {
    const { main } = world().seeded;
    const bad = await as('sw1', '/api/tab/agenda/items', { agreementId: main.agreementId, sessionId: main.nextSessionId, itemId: 'x', text: 5, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: { code: 'invalid_input', message: 'The tab sent something I could not use. Reload the tab and try again.' } });
    const long = await as('sw1', '/api/tab/records/disagree', { agreementId: main.agreementId, sessionId: main.sharedSessionId, hash: 'a'.repeat(64), text: 'x'.repeat(5000) });
    expect(long.status).toBe(400);
    expect(long.text).not.toMatch(/expected|Too big|zod/i);
    const noToken = await api(world(), undefined, '/api/tab/supervision');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toContain('invalid_token');
  });
});
