import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedMilestone } from '../../src/domain/milestones/types.js';
import type { MilestoneFormView, MilestoneRecordAnswer, MilestoneView, RecordView } from '../../src/usecases/tab/views.js';
import { asPerson, refusalsBy, useTabWorld } from '../support/tab-world.js';

/**
 * Issue 14 item 1 in the tab: "Each gets a short record card (and a form in the tab) to record
 * that it happened and its outcome, signed like a supervision record". The tab's routes go through
 * the chat card's schema and use case (recordMilestone), so the rules are the card's: Sefton ¶4.6
 * (L140) direct observation at least annually; Leeds §D (L108) the supervisor writes the record;
 * Sefton ¶6.2 (L228) signed by both; Sefton ¶10 (L279) a record only to its two parties, every
 * other attempt refused and audited.
 */
const world = useTabWorld();

const as = asPerson(world);

const day = (d: Date) => d.toISOString().slice(0, 10);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000);

function milestone(agreementId: string, subject: string, at: Date, over: Partial<PlannedMilestone> = {}): PlannedMilestone {
  const start = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  return {
    milestoneId: `${agreementId}-m-direct-observation-${subject}`, agreementId, kind: 'direct-observation', subject, label: 'Direct observation of practice',
    due: day(daysFromNow(30)), date: day(start), start: '10:00', minutes: 60, startUtc: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    endUtc: new Date(start.getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), rule: 'SE-D9 Sefton ¶4.6; App 2 (L140, L470)',
    format: { kind: 'in-person', location: 'Town Hall, room 4' }, status: 'booked', ...over,
  };
}

let past: PlannedMilestone;
let future: PlannedMilestone;
beforeAll(async () => {
  const w = world();
  const { main } = w.seeded;
  past = milestone(main.agreementId, 'past', daysFromNow(-2));
  future = milestone(main.agreementId, 'future', daysFromNow(20), { kind: 'pdr', label: 'Annual PDR review', format: { kind: 'teams' }, joinUrl: 'https://teams.microsoft.com/l/meetup-join/pdr' });
  await w.repos.milestones.create(past);
  await w.repos.milestones.create(future);
}, 60_000);

describe('reviews and milestones in the tab (issue 14 item 1)', () => {
  it('both people see the milestones booked in their year; only the supervisor may record one, once it has begun', async () => {
    const tm1 = (await as('tm1', '/api/tab/milestones')).json as MilestoneView[];
    const sw1 = (await as('sw1', '/api/tab/milestones')).json as MilestoneView[];
    const mine = (list: MilestoneView[]) => list.filter((m) => m.agreementId === past.agreementId);
    expect(mine(tm1).map((m) => [m.label, m.role, m.canRecord])).toEqual([['Direct observation of practice', 'supervisor', true], ['Annual PDR review', 'supervisor', false]]);
    expect(mine(sw1).map((m) => [m.label, m.role, m.canRecord, m.withName])).toEqual([['Direct observation of practice', 'supervisee', false, world().person('tm1').displayName], ['Annual PDR review', 'supervisee', false, world().person('tm1').displayName]]);
    expect(mine(sw1)[0]?.place).toBe('Town Hall, room 4');
    // Someone outside the agreement sees none of it.
    expect((await as('tm3', '/api/tab/milestones')).text).not.toContain(past.agreementId);
  });

  it('a stranger and a manager above them are refused the form and the recording, in plain words, and each refusal is audited (Sefton ¶10 (L279))', async () => {
    const w = world();
    for (const alias of ['tm3', 'sm1']) {
      const form = await as(alias, `/api/tab/milestones/${past.agreementId}/${past.milestoneId}`);
      expect(form.status).toBe(403);
      expect((form.json as { error: { message: string } }).error.message).toBe('Only the supervisor and the supervisee of this supervision can see or record its reviews and milestones.');
      const post = await as(alias, '/api/tab/milestones/record', { agreementId: past.agreementId, sessionId: past.milestoneId, basedOn: 0, heldOn: past.date, outcome: 'Observed a home visit.' });
      expect(post.status).toBe(403);
      expect(await refusalsBy(w, alias)).toEqual(expect.arrayContaining(['tab.milestone.form', 'tab.milestone.record']));
    }
    // Nothing was recorded for them (the milestone-cards job may have opened the empty record meanwhile).
    expect((await w.repos.records.get(past.agreementId, past.milestoneId))?.versions ?? []).toEqual([]);
  });

  it('the supervisee cannot record it (Leeds §D (L108): the supervisor writes the record), and the refusal names no rule or line', async () => {
    const post = await as('sw1', '/api/tab/milestones/record', { agreementId: past.agreementId, sessionId: past.milestoneId, basedOn: 0, heldOn: past.date, outcome: 'I was observed.' });
    expect(post.status).toBe(403);
    expect((post.json as { error: { message: string } }).error.message).toBe('Only the supervisor writes and shares the record.');
  });

  it('one still to come cannot be recorded yet', async () => {
    const form = await as('tm1', `/api/tab/milestones/${future.agreementId}/${future.milestoneId}`);
    expect(form.status).toBe(409);
    expect((form.json as { error: { message: string } }).error.message).toBe('This has not taken place yet, so there is nothing to record.');
  });

  it('the supervisor gets the card\'s form with the policy\'s words, fixes what the use case refuses in plain words, then signs and shares it; the supervisee signs it and it is final (Sefton ¶6.2 (L228))', async () => {
    const w = world();
    const formAnswer = await as('tm1', `/api/tab/milestones/${past.agreementId}/${past.milestoneId}`);
    expect(formAnswer.status).toBe(200);
    const form = formAnswer.json as MilestoneFormView;
    expect(form).toMatchObject({ label: 'Direct observation of practice', basedOn: 0, heldOn: past.date, outcome: '', outcomeHint: 'What was observed, the feedback given and any learning to take forward.' });
    expect(form.why?.quote).toContain('Direct Observation of Practice will be undertaken');
    expect(form.why?.label).not.toMatch(/SE-D9|L140/);

    // The card's own checks, word for word: no outcome, a day still to come.
    const invalid = (await as('tm1', '/api/tab/milestones/record', { agreementId: past.agreementId, sessionId: past.milestoneId, basedOn: 0, heldOn: day(daysFromNow(3)), outcome: '  ' })).json as MilestoneRecordAnswer;
    expect(invalid.kind).toBe('invalid');
    if (invalid.kind === 'invalid') expect(invalid.errors).toEqual({ heldOn: 'That day is still to come: record it once it has taken place.', outcome: 'Say what the outcome was.' });
    // Input the schema cannot read is refused before any use case runs.
    expect((await as('tm1', '/api/tab/milestones/record', { agreementId: past.agreementId, sessionId: past.milestoneId, basedOn: 'first' })).status).toBe(400);

    const body = { agreementId: past.agreementId, sessionId: past.milestoneId, basedOn: 0, heldOn: past.date, outcome: 'Observed a home visit; feedback given on direct work with the child.' };
    const shared = (await as('tm1', '/api/tab/milestones/record', body)).json as MilestoneRecordAnswer;
    expect(shared.kind).toBe('shared');
    if (shared.kind !== 'shared') return;
    expect(shared.changed).toBe(true);
    expect(shared.record).toMatchObject({ status: 'shared', version: 1, content: { milestone: { label: 'Direct observation of practice', heldOn: past.date } } });
    // A replay (a double click) changes nothing.
    const again = (await as('tm1', '/api/tab/milestones/record', body)).json as MilestoneRecordAnswer;
    expect(again.kind === 'shared' && again.changed).toBe(false);
    // The milestone is held: the sweep stops asking for it.
    expect((await w.repos.milestones.get(past.agreementId, past.milestoneId))?.status).toBe('held');
    const supervisor = ((await as('tm1', '/api/tab/milestones')).json as MilestoneView[]).find((m) => m.milestoneId === past.milestoneId);
    expect(supervisor).toMatchObject({ status: 'held', recordStatus: 'shared', canRecord: false });

    // The supervisee finds it waiting and signs it through the record routes, like a supervision record.
    const waiting = ((await as('sw1', '/api/tab/milestones')).json as MilestoneView[]).find((m) => m.milestoneId === past.milestoneId);
    expect(waiting?.waitingForMe).toBe(true);
    const record = (await as('sw1', `/api/tab/records/${past.agreementId}/${past.milestoneId}`)).json as RecordView;
    expect(record.canSign).toBe(true);
    const signed = await as('sw1', '/api/tab/records/sign', { agreementId: past.agreementId, sessionId: past.milestoneId, hash: record.hash });
    expect(signed.status).toBe(200);
    expect((signed.json as { record: RecordView }).record.status).toBe('final');
    // Final: no more recording from the tab.
    const locked = await as('tm1', '/api/tab/milestones/record', { ...body, basedOn: 1, outcome: 'Changed my mind.' });
    expect(locked.status).toBeGreaterThanOrEqual(400);
  });
});
