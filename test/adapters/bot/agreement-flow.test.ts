import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { milestoneTransactionPrefix } from '../../../src/domain/milestones/event.js';
import { bookingTransactionPrefix } from '../../../src/domain/sessions/event-content.js';
import { agreementKey, agreementStore } from '../../../src/repositories/tables.js';
import { actionOf, inputsOf, type CardJson } from '../../../src/sandbox/bot-driver.js';
import { until } from '../../support/until.js';
import { cardOf, useBot, type Person } from '../../support/bot.js';

/**
 * Issue 4 items 1, 4 and 9: the whole agreement flow through the Bot Framework protocol, against
 * the sandbox tenant and Azurite, with the channel's Connector API faked.
 */
const { stack, bot, person } = useBot();
function store() {
  return agreementStore(createStorage(stack().azurite.connectionString));
}

async function newForm(who: Person): Promise<{ card: CardJson; data: Record<string, unknown> }> {
  const replies = await bot.say(who, 'new agreement');
  const card = cardOf(replies[0]);
  const submit = actionOf(card, 'agreementSubmit');
  expect(submit?.data?.['agreementId']).toMatch(/^[0-9a-f-]{36}$/);
  return { card, data: { ...submit?.data, ...inputsOf(card), keyTasks: 'Assessments and duty' } };
}

const text = (x: unknown) => JSON.stringify(x);

describe('agreement on a card, through the Bot Framework protocol', () => {
  let tm1: ReturnType<typeof person>;
  let sw1: ReturnType<typeof person>;
  beforeAll(async () => {
    tm1 = person('tm1');
    sw1 = person('sw1');
    // Both have talked to the bot once, so each has a stored personal-chat reference.
    await bot.say(sw1, 'hello');
    await bot.say(tm1, 'hello');
  });

  it('the supervisor\'s welcome card offers "New supervision agreement"; the form lists only their reports, with the pack\'s defaults', async () => {
    const welcome = cardOf((await bot.say(tm1, 'hello'))[0]);
    expect(actionOf(welcome, 'agreementNew')).toMatchObject({ title: 'New supervision agreement' });
    const { card, data } = await newForm(tm1);
    const supervisees = text(card.body);
    expect(supervisees).toContain(sw1.name);
    expect(supervisees).not.toContain(person('sw4').name); // tm2's team
    expect(data['minutes']).toBe('90'); // Sefton ¶3.8 (L90) planned length
    expect(data['seniorManagerId']).toBe(person('sm1').id); // the supervisor's manager
    expect(text(card)).toContain('Role and phase, as your policy names them');
    // Dates are typed the British way; no Input.Date a host would show in its own (American) locale.
    expect(JSON.stringify(card)).not.toContain('Input.Date');
    expect(data['agreementDate']).toMatch(/^\w+day \d{1,2} \w+ \d{4}$/);
  });

  it('bad input is answered on the card, next to the field, and nothing is stored', async () => {
    const { data } = await newForm(tm1);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['missing fields', { superviseeId: '', time: '' }, /Please give the supervisee[\s\S]*Please give the preferred time/],
      ['a date in the past', { superviseeId: sw1.id, agreementDate: '2020-01-06' }, /cannot be in the past/],
      ['the supervisee equal to the supervisor', { superviseeId: tm1.id }, /cannot be your own supervisee/],
      ['an unknown person', { superviseeId: randomUUID() }, /not in the directory/],
      ['someone who is not their report', { superviseeId: person('sw4').id }, /not one of your direct reports/],
      ['a length below the MUST minimum', { superviseeId: sw1.id, minutes: '45' }, /at least 90 minutes \(Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 3\.8\)/],
    ];
    for (const [what, change, message] of cases) {
      const agreementId = randomUUID();
      const answer = await bot.press(tm1, 'agreementSubmit', { ...data, superviseeId: sw1.id, ...change, agreementId });
      expect(answer.type, what).toBe('application/vnd.microsoft.card.adaptive');
      expect(text(answer.value), what).toMatch(message);
      expect(text(answer.value), what).toContain('Nothing has been saved or sent yet');
      expect(await store().get(agreementKey(agreementId)), what).toBeUndefined();
    }
  });

  it('signing: supervisee asks for changes, supervisor edits, a stale signature is refused, both sign, the year is booked and both are told', async () => {
    const { data } = await newForm(tm1);
    const agreementId = String(data['agreementId']);
    let mark = bot.mark();

    // 1. The supervisor sends it; the supervisee gets it in their chat.
    const sent = await bot.press(tm1, 'agreementSubmit', { ...data, superviseeId: sw1.id });
    expect(sent.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(sent.value)).toContain(`Sent to ${sw1.name}`);
    const first = cardOf(await until('the card reaching the supervisee', () => bot.to(sw1, mark)[0]));
    const firstHash = actionOf(first, 'agreementSign')?.data?.['hash'];
    expect(firstHash).toMatch(/^[0-9a-f]{64}$/);

    // 2. Submitting the same card again is the same agreement, not a second one.
    const again = await bot.press(tm1, 'agreementSubmit', { ...data, superviseeId: sw1.id });
    expect(text(again.value)).toContain('same agreement; nothing new was created');
    const all = await store().list('agreement');
    expect(all.items.filter((i) => i.key.id === agreementId)).toHaveLength(1);

    // 3. Someone else cannot act on it.
    const stranger = await bot.press(person('sw2'), 'agreementSign', { agreementId, hash: firstHash });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.value.message).toMatch(/Only the supervisor and the supervisee/);

    // 4. The supervisee asks for changes; the comment goes back to the supervisor.
    mark = bot.mark();
    const asked = await bot.press(sw1, 'agreementRequestChanges', { agreementId, hash: firstHash, comment: 'Thursdays suit me better' });
    expect(text(asked.value)).toContain('Your comment went to');
    const back = cardOf(await until('the comment reaching the supervisor', () => bot.to(tm1, mark)[0]));
    expect(text(back)).toContain('Thursdays suit me better');

    // 5. The supervisor edits and resends.
    const edit = await bot.press(tm1, 'agreementEdit', { agreementId });
    const revise = actionOf(edit.value, 'agreementRevise');
    expect(revise).toBeDefined();
    mark = bot.mark();
    const revised = await bot.press(tm1, 'agreementRevise', { ...revise?.data, ...inputsOf(edit.value), weekday: '4', note: 'Moved to Thursdays' });
    expect(text(revised.value)).toContain(`Sent to ${sw1.name}`);
    const second = cardOf(await until('the new version reaching the supervisee', () => bot.to(sw1, mark)[0]));
    const secondHash = actionOf(second, 'agreementSign')?.data?.['hash'];
    expect(secondHash).not.toBe(firstHash);
    expect(text(second)).toContain('Thursdays at');

    // 6. Signing the old card is refused: the terms changed since it was sent.
    const stale = await bot.press(sw1, 'agreementSign', { agreementId, hash: firstHash });
    expect(text(stale.value)).toContain('Not signed: The agreement has changed since this card was sent');
    expect((await store().get(agreementKey(agreementId)))?.value.signatures).toEqual({});

    // 7. The supervisee signs the current version (a double click makes one signature).
    mark = bot.mark();
    const [signed, doubleClick] = await Promise.all([bot.press(sw1, 'agreementSign', { agreementId, hash: secondHash }), bot.press(sw1, 'agreementSign', { agreementId, hash: secondHash })]);
    expect([text(signed.value), text(doubleClick.value)].join()).toMatch(/Signed\. I have asked/);
    const afterSupervisee = (await store().get(agreementKey(agreementId)))?.value;
    expect(afterSupervisee?.status).toBe('awaiting-supervisor');
    expect(afterSupervisee?.signatures.supervisee).toMatchObject({ signerId: sw1.id, signerName: sw1.name, hash: secondHash });
    const forSupervisor = cardOf(await until('the signed card reaching the supervisor', () => bot.to(tm1, mark)[0]));

    // 8. The supervisor signs; booking is queued.
    mark = bot.mark();
    const done = await bot.press(tm1, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {});
    expect(text(done.value)).toContain('Signed by both');
    const final = (await store().get(agreementKey(agreementId)))?.value;
    expect(final?.status).toMatch(/signed|booked/);
    expect(final?.signatures.supervisor).toMatchObject({ signerId: tm1.id, hash: secondHash });
    expect(final?.bookingRequestedAt).toBeDefined();

    // 9. The worker books the year; both get the confirmation with every date and its meeting link.
    const confirmation = (who: Person) => bot.to(who, mark).find((a) => text(a.attachments).includes('Your year of supervision is booked'));
    const [forTm, forSw] = await Promise.all([until('the supervisor\'s confirmation', () => confirmation(tm1)), until('the supervisee\'s confirmation', () => confirmation(sw1))]);
    const booked = (await store().get(agreementKey(agreementId)))?.value;
    expect(booked?.status).toBe('booked');

    // 10. The events are in both sandbox calendars: the supervisor organises, the supervisee is invited.
    const prefix = bookingTransactionPrefix(agreementId);
    const organised = [...stack().tenant.store.mailbox(tm1.id).values()].filter((e) => e.transactionId?.startsWith(prefix) && !e.data.isCancelled);
    expect(organised.length).toBeGreaterThanOrEqual(12); // Sefton ¶3.8 (L90): at least monthly for a year
    const invited = [...stack().tenant.store.mailbox(sw1.id).values()].filter((e) => organised.some((o) => o.data.iCalUId === e.data.iCalUId));
    expect(invited).toHaveLength(organised.length);
    for (const e of organised) {
      expect(e.data.isOnlineMeeting).toBe(true);
      expect((e.data.attendees ?? []).map((a) => a.emailAddress?.address?.toLowerCase())).toContain(sw1.mail.toLowerCase());
      expect(new Date(e.startMs).toISOString() >= new Date().toISOString().slice(0, 10)).toBe(true);
    }
    // Thursdays, as the revision asked — except where a period's required session has no Thursday
    // left in it (Sefton ¶3.8 monthly; K6), which takes the first working day: the first month, and
    // the period the year's end cuts short, which still gets its session (K5; issue 14 a).
    const weekday = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'Europe/London' });
    const now = new Date();
    const thisMonth = now.toISOString().slice(0, 7);
    const yearEndMonth = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), 1)).toISOString().slice(0, 7);
    const offDay = organised.filter((e) => weekday(e.startMs) !== 'Thursday');
    expect(offDay.length).toBeLessThanOrEqual(2);
    for (const e of offDay) expect([thisMonth, yearEndMonth]).toContain(new Date(e.startMs).toISOString().slice(0, 7));
    expect(organised.length - offDay.length).toBeGreaterThanOrEqual(11);

    // The confirmation says why each of those is not on a Thursday (issue 15 item 5), and nothing for the rest.
    for (const card of [cardOf(forTm), cardOf(forSw)]) {
      const lines = (card.body as { $data?: unknown; text?: string }[]).flatMap((b) => (typeof b.text === 'string' && b.text.startsWith('**') ? [b.text] : []));
      expect(lines).toHaveLength(organised.length);
      expect(lines.filter((l) => l.includes('_Not on a Thursday: '))).toHaveLength(offDay.length);
      for (const l of lines) expect(l.includes('_Not on a Thursday: ')).toBe(!/\*\*: Thursday /.test(l));
    }
    // The year's reviews and milestones are listed too, each Teams one with its link (issue 14 item 1).
    const milestonePrefix = milestoneTransactionPrefix(agreementId);
    const milestones = [...stack().tenant.store.mailbox(tm1.id).values()].filter((e) => e.transactionId?.startsWith(milestonePrefix) && !e.data.isCancelled);
    expect(milestones.length).toBeGreaterThanOrEqual(1); // the agreement's own review (Sefton App 1)
    const online = milestones.filter((e) => e.data.isOnlineMeeting);
    for (const card of [cardOf(forTm), cardOf(forSw)]) {
      const lines = text(card.body).match(/Join the Teams meeting\]\(/g) ?? [];
      expect(lines).toHaveLength(organised.length + online.length);
      for (const e of [...organised, ...online]) expect(text(card)).toContain(e.data.onlineMeeting?.joinUrl ?? 'no join url');
    }

    // 11. `my agreement` shows it again: twelve months of dates (Sefton App 1) and both signatures.
    const mine = cardOf((await bot.say(sw1, 'my agreement'))[0]);
    expect(text(mine)).toContain('Dates of supervision meetings (next 12 months)');
    // Name, role and time (issue 15 item 3): "you" for the reader; the hash is a short fingerprint, never the Entra id.
    expect(text(mine)).toMatch(/\*\*Signed by you\*\* \(Amara Fellgate, supervisee\) on \w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2}/);
    expect(text(mine)).toContain(`**Signed by ${tm1.name}** (supervisor) on `);
    expect(text(mine)).toContain(`Terms fingerprint (SHA-256): ${String(secondHash).slice(0, 16)}…`);
    expect(text(mine)).not.toContain(String(secondHash));
    expect(text(mine)).not.toContain(sw1.id);
    expect(actionOf(mine, 'agreementSign')).toBeUndefined();

    // 12. A late click on the supervisor's sign button changes nothing and books nothing more.
    const late = await bot.press(tm1, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {});
    expect(text(late.value)).toContain('already signed');
    expect((await store().get(agreementKey(agreementId)))?.value.signatures.supervisor?.signedAt).toBe(final?.signatures.supervisor?.signedAt);
  });
});

describe('a supervisee who has never talked to the bot', () => {
  it('the supervisor is told on the card; the agreement waits and the supervisee finds it on their welcome card when they install', async () => {
    const tm1 = person('tm1');
    const sw3 = person('sw3');
    const { data } = await newForm(tm1);
    const sent = await bot.press(tm1, 'agreementSubmit', { ...data, superviseeId: sw3.id });
    expect(text(sent.value)).toContain(`I could not reach ${sw3.name} in Teams`);
    expect(actionOf(sent.value, 'agreementResend')).toBeDefined();
    expect((await store().get(agreementKey(String(data['agreementId']))))?.value).toMatchObject({ status: 'awaiting-supervisee', superviseeNotified: 'unreachable' });

    const welcome = cardOf((await bot.turn(sw3, { type: 'installationUpdate', action: 'add' }))[0]);
    expect(text(welcome)).toContain(`${tm1.name} has sent you a supervision agreement to review and sign.`);
    const review = actionOf(welcome, 'agreementShow');
    expect(review?.data?.['agreementId']).toBe(data['agreementId']);
    const shown = await bot.press(sw3, 'agreementShow', review?.data ?? {});
    expect(actionOf(shown.value, 'agreementSign')?.data?.['hash']).toMatch(/^[0-9a-f]{64}$/);

    // Now that they have a chat, "Send it again" reaches them.
    const mark = bot.mark();
    const again = await bot.press(tm1, 'agreementResend', { agreementId: data['agreementId'] });
    expect(text(again.value)).toContain(`Sent to ${sw3.name} again.`);
    await until('the resent card', () => bot.to(sw3, mark)[0]);
  });
});
