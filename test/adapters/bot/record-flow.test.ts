import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { recordKey, recordStore, listActions, actionStore, recordAuditLog } from '../../../src/repositories/tables.js';
import { sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { actionOf, cardIn } from '../../../src/sandbox/bot-driver.js';
import { recordAuditPartition as auditPartitionFor } from '../../../src/repositories/records.js';
import { seedSeftonAgreement, useBot, type Person } from '../../support/bot.js';
import { until } from '../../support/until.js';

/**
 * Issue 5 items 2, 3 and 6 through the Bot Framework protocol: "write record", the record card
 * (bad input, draft), sign and share, the supervisee disagrees, the supervisor amends, the
 * supervisee signs; a stranger is refused and audited; double submits change nothing. Runs once
 * the composition root wires ConversationContext.records (skipped until then).
 */
const { stack, bot, person, reportOf } = useBot();

const text = (x: unknown) => JSON.stringify(x);

interface El { type?: string; id?: string; style?: string; value?: string; isVisible?: boolean }
/** Every element of a card (its inputs, containers and actions). */
function flatten(node: unknown, out: El[] = []): El[] {
  if (Array.isArray(node)) node.forEach((n) => flatten(n, out));
  else if (node && typeof node === 'object') {
    if (typeof (node as El).type === 'string') out.push(node as El);
    Object.values(node).forEach((v) => flatten(v, out));
  }
  return out;
}

/** Sefton social worker: 3 agreement-meeting items + 9 welfare record questions = 12 standing items. */
function fullCard(overrides: Record<string, string> = {}): Record<string, string> {
  // Dates as a person in the UK types them into the card's text box (issue 15 item 5), day first.
  const form: Record<string, string> = { discussion: 'Caseload, wellbeing and training.', personalIssues: 'no', a0_text: 'Book the court skills course', a0_owner: 'supervisee', a0_due: '1/2/2027' };
  for (let i = 0; i < 12; i++) form[`si${i}_status`] = 'addressed';
  return { ...form, ...overrides };
}

/** A booked Sefton agreement (social worker: 12 standing items) with one session that ended yesterday. */
async function seed(tm: Person, sw: Person) {
  const storage = createStorage(stack().azurite.connectionString);
  const id = `rf-${Date.now().toString(36)}`;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const { session } = await seedSeftonAgreement(storage, { id, supervisor: tm, supervisee: sw, sessionDate: yesterday, createdAt: '2026-01-05T09:00:00Z',
    terms: { agreementDate: '2026-01-05', keyTasks: 'Assessments', reviewDate: '2027-01-05' } });
  return { storage, id, session };
}

describe('the record and its sign-off, through the Bot Framework protocol (issue 5 items 2, 3, 6)', () => {
  it('write record → errors on the card → share → disagree → amend → sign; stranger refused and audited; replays change nothing', async () => {
    const tm = person('tm1');
    const sw = reportOf('tm1');
    const stranger = person('dir');
    await bot.say(sw, 'hello');
    await bot.say(tm, 'hello');

    const { storage, id, session } = await seed(tm, sw);

    // "write record": the record card for the session that just ended.
    const [reply] = await bot.say(tm, 'write record');
    const recordCard = cardIn(reply)!;
    const share = actionOf(recordCard, 'recordShare');
    expect(share?.data).toMatchObject({ agreementId: id, sessionId: session.sessionId, basedOn: '0' });
    expect(text(recordCard)).toContain('How am I feeling?');
    // Compact (issue 15 item 5): one drop-down per standing item, notes and all but the first action row hidden, no Input.Date.
    const elements = flatten(recordCard);
    expect(elements.filter((e) => /^si\d+_status$/.test(e.id ?? '')).map((e) => e.style)).toEqual(Array(12).fill('compact'));
    expect(elements.filter((e) => /^a\d+_row$/.test(e.id ?? '')).map((e) => e.isVisible)).toEqual([true, false, false, false, false, false]);
    expect(elements.filter((e) => /^si\d+_notes$/.test(e.id ?? '')).every((e) => e.isVisible === false)).toBe(true);
    expect(elements.some((e) => e.type === 'Input.Date')).toBe(false);
    // Sefton's two lists (the agreement's meeting items, the welfare record's questions): each named once, above its items.
    expect(text(recordCard).split('Personal Reflective/Welfare Supervision record questions').length - 1).toBe(1);

    // Bad input: a standing item with no status, an action with no owner or date.
    const { si3_status: _missing, ...noItem } = fullCard({ a1_text: 'Phone HR' });
    const bad = await bot.press(tm, 'recordShare', { ...share?.data, ...noItem });
    expect(bad.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(bad.value)).toContain('Mark this item as addressed or not applicable.');
    expect(text(bad.value)).toContain('Choose who owns this action.');
    expect(text(bad.value)).toContain('Give the date this action is due.');

    // Sign and share: the supervisee gets the review card; a double click sends nothing more.
    let from = bot.mark();
    // A second action, in the row "Add another action" reveals on the card.
    const shared = await bot.press(tm, 'recordShare', { ...share?.data, ...fullCard({ a1_text: 'Phone HR about the rota', a1_owner: 'supervisor', a1_due: '15 January 2027' }) });
    expect(text(shared.value)).toContain('Signed and shared with');
    const review = cardIn(await until('the review card', () => bot.to(sw, from)[0]))!;
    await bot.press(tm, 'recordShare', { ...share?.data, ...fullCard({ a1_text: 'Phone HR about the rota', a1_owner: 'supervisor', a1_due: '15 January 2027' }) });
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.to(sw, from)).toHaveLength(1);
    const sign1 = actionOf(review, 'recordSign')!.data!;

    // A stranger is refused, and the refusal is audited.
    const refused = await bot.press(stranger, 'recordOpen', { agreementId: id, sessionId: session.sessionId });
    expect(refused.statusCode).toBe(403);
    const audit = await recordAuditLog(storage).list(auditPartitionFor(new Date().toISOString()));
    expect(audit.items.some((e) => e.value.byId === stranger.id && e.value.sessionId === session.sessionId)).toBe(true);

    // A wrong hash signs nothing.
    const wrong = await bot.press(sw, 'recordSign', { ...sign1, hash: '0'.repeat(64) });
    expect(text(wrong.value)).toContain('amended after you opened it');

    // Disagree: the supervisor is told and can amend.
    from = bot.mark();
    await bot.press(sw, 'recordDisagree', { ...actionOf(review, 'recordDisagree')!.data, disagreement: 'The course date is wrong.' });
    const toSupervisor = cardIn(await until('the disagreement', () => bot.to(tm, from)[0]))!;
    expect(text(toSupervisor)).toContain('The course date is wrong.');
    const amend = await bot.press(tm, 'recordAmend', actionOf(toSupervisor, 'recordAmend')!.data!);
    const share2 = actionOf(amend.value, 'recordShare')!.data!;
    expect(share2['basedOn']).toBe('1');
    // The amend card shows both stored actions in their rows, their dates in words.
    const amendInputs = flatten(amend.value);
    expect(amendInputs.find((e) => e.id === 'a0_due')?.value).toBe('Monday 1 February 2027');
    expect(amendInputs.filter((e) => /^a\d+_row$/.test(e.id ?? '')).map((e) => e.isVisible)).toEqual([true, true, false, false, false, false]);
    from = bot.mark();
    await bot.press(tm, 'recordShare', { ...share2, ...fullCard({ a0_due: '1 March 2027' }) });
    const review2 = cardIn(await until('version 2', () => bot.to(sw, from)[0]))!;
    expect(text(review2)).toContain('The course date is wrong.');
    const sign2 = actionOf(review2, 'recordSign')!.data!;
    expect(sign2['hash']).not.toBe(sign1['hash']);

    // Sign: final for both; replay changes nothing.
    from = bot.mark();
    const signed = await bot.press(sw, 'recordSign', sign2);
    expect(text(signed.value)).toContain('Signed by both, final');
    await until('the supervisor told', () => bot.to(tm, from)[0]);
    const again = await bot.press(sw, 'recordSign', sign2);
    expect(text(again.value)).toContain('already signed');
    const record = (await recordStore(storage).get(recordKey(id, session.sessionId)))!.value;
    expect(record.status === 'final' || record.status === 'filed').toBe(true);
    expect(record.versions).toHaveLength(2);
    expect(record.versions[1]!.superviseeSignature!.hash).toBe(sign2['hash']);
    // Stored ISO, however typed (version 2 dropped the second action: cleared rows are empty slots).
    expect((await listActions(actionStore(storage), id)).map((a) => a.value.due)).toEqual(['2027-03-01']);
    expect(record.versions[0]!.content.actions.map((a) => a.due)).toEqual(['2027-02-01', '2027-01-15']);
  }, 120_000);

  it('the record card reaches the supervisor by itself after the meeting (scheduled end + 15 minutes), once', async () => {
    const tm = person('tm2');
    const sw = reportOf('tm2');
    await bot.say(tm, 'hello');
    const from = bot.mark();
    const { id, session } = await seed(tm, sw);
    const arrived = await until('the record card', () => bot.to(tm, from).find((a) => text(a.attachments).includes(session.sessionId)), 30_000);
    expect(actionOf(cardIn(arrived)!, 'recordShare')?.data).toMatchObject({ agreementId: id, sessionId: session.sessionId });
    await new Promise((r) => setTimeout(r, 6_000)); // at least one more pass of the sandbox's 5-second timer
    expect(bot.to(tm, from).filter((a) => text(a.attachments).includes(session.sessionId))).toHaveLength(1);
  }, 60_000);

  it('Teams\' meeting-end event sends the record card at once, before the 15 minutes are up', async () => {
    const tm = person('tm3');
    const sw = reportOf('tm3');
    await bot.say(tm, 'hello');
    const { storage, id, session } = await seed(tm, sw);
    // The meeting ended two minutes ago: the periodic pass would wait another 13 minutes.
    const endMs = Date.now() - 2 * 60_000;
    const joinUrl = `https://teams.microsoft.com/l/meetup-join/${id}`;
    const ended = { ...session, startUtc: new Date(endMs - 90 * 60_000).toISOString(), endUtc: new Date(endMs).toISOString(), joinUrl };
    await sessionStore(storage).upsert(sessionKey(id, session.sessionId), ended);
    await new Promise((r) => setTimeout(r, 6_000)); // a pass of the 5-second timer sends nothing yet
    const from = bot.mark();
    expect(bot.to(tm, 0).filter((a) => text(a.attachments).includes(session.sessionId))).toHaveLength(0);

    const res = await bot.send({ id: 'meeting', name: 'Meeting' }, { type: 'event', name: 'application/vnd.microsoft.meetingEnd', value: { Id: 'm1', JoinUrl: joinUrl, Title: 'Supervision', MeetingType: 'Scheduled', EndTime: ended.endUtc } });
    expect(res.status).toBeLessThan(300);
    const arrived = await until('the record card after the meeting-end event', () => bot.to(tm, from).find((a) => text(a.attachments).includes(session.sessionId)), 15_000);
    expect(actionOf(cardIn(arrived)!, 'recordShare')?.data).toMatchObject({ agreementId: id, sessionId: session.sessionId });
    // A malformed event is ignored, not an error.
    expect((await bot.send({ id: 'meeting', name: 'Meeting' }, { type: 'event', name: 'application/vnd.microsoft.meetingEnd', value: { JoinUrl: 'not a url' } })).status).toBeLessThan(300);
  }, 60_000);
});
