import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { milestoneTransactionPrefix } from '../../../src/domain/milestones/event.js';
import type { PlannedMilestone } from '../../../src/domain/milestones/types.js';
import { parseObligationId } from '../../../src/domain/obligations/obligation-id.js';
import { bookingTransactionPrefix } from '../../../src/domain/sessions/event-content.js';
import { readEscalationSettings } from '../../../src/config/escalation-settings.js';
import { addWorkingDays, createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import type { Messenger, OutboundMessage } from '../../../src/domain/ports/messenger.js';
import { runSweep, type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { sweepStores } from '../../../src/repositories/escalations.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';
import { createRepositories } from '../../../src/repositories/index.js';
import { agreementKey, agreementStore, recordKey, recordStore } from '../../../src/repositories/tables.js';
import { actionOf, inputsOf, type CardJson } from '../../../src/sandbox/bot-driver.js';
import { cardOf, useBot, type Person } from '../../support/bot.js';
import { until } from '../../support/until.js';

/**
 * Issue 14 item 1, done when: a newly qualified social worker's first year through the Bot
 * Framework protocol against the sandbox tenant and Azurite. The agreement is signed on cards; the
 * booking job books the year with the reviews and milestones Sefton's policy asks for (¶3.14
 * (L102) the ASYE learning agreement at the initial meeting and reviews at 3, 6 and 12 months;
 * ¶4.6 (L140) direct observation; ¶4.9 (L148) the PDR; ¶8.1 (L251) the agreement's review) in both
 * calendars; the sandbox clock moves through the year and each milestone but one is recorded from
 * its card, signed by both and filed in the supervision file; the sweep then chases the one left
 * undone (the direct observation of practice, a must the supervisor answers for) up the manager
 * chain, and nothing that was done.
 */
/** The sandbox's escalation settings (local configuration, K13), by absolute path. */
const SETTINGS = fileURLToPath(new URL('../../../env/escalation.sandbox.json', import.meta.url));
const { stack, bot, person } = useBot({ POLICY_PACK: 'sefton', ESCALATION_SETTINGS_FILE: SETTINGS });
const text = (x: unknown) => JSON.stringify(x);
const storage = () => createStorage(stack().azurite.connectionString);

async function travelTo(iso: string): Promise<void> {
  const res = await fetch(`${stack().url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ travelTo: iso }) });
  expect(res.status, `travel to ${iso}`).toBe(200);
}

/** The next Monday at least a week away: the agreement's first day and the NQSW's first day. */
function nextMonday(): string {
  let d = addDays(utcToLondon(new Date().toISOString()).date, 7);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}

async function signAgreement(tm: Person, nqsw: Person, start: string): Promise<string> {
  const form = cardOf((await bot.say(tm, 'new agreement'))[0]);
  const submit = actionOf(form, 'agreementSubmit');
  const data: Record<string, unknown> = {
    ...submit?.data, ...inputsOf(form), superviseeId: nqsw.id, rolePhase: 'nqsw/weekly', employmentStart: start, agreementDate: start,
    weekday: '1', time: '10:00', minutes: '90', format: 'teams', keyTasks: 'Assessments, ASYE portfolio',
  };
  const agreementId = String(data['agreementId']);
  let from = bot.mark();
  const sent = await bot.press(tm, 'agreementSubmit', data);
  expect(text(sent.value)).toContain(`Sent to ${nqsw.name}`);
  const toSign = await bot.cardTo(nqsw, from, 'the agreement reaching the NQSW', (c) => actionOf(c, 'agreementSign') !== undefined);
  from = bot.mark();
  await bot.press(nqsw, 'agreementSign', actionOf(toSign, 'agreementSign')?.data ?? {});
  const forSupervisor = await bot.cardTo(tm, from, 'the signed agreement reaching the supervisor', (c) => actionOf(c, 'agreementSign') !== undefined);
  expect(text((await bot.press(tm, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {})).value)).toContain('Signed by both');
  await until('the year booked', async () => ((await agreementStore(storage()).get(agreementKey(agreementId)))?.value.status === 'booked' ? true : undefined), 60_000);
  return agreementId;
}

/** The milestone's record card, sent to the supervisor by itself once its meeting is over. */
async function milestoneCard(tm: Person, m: PlannedMilestone, from: number): Promise<CardJson> {
  return bot.cardTo(tm, from, `the record card of ${m.label}`, (c) => actionOf(c, 'recordMilestone')?.data?.['sessionId'] === m.milestoneId, 30_000);
}

describe('an NQSW\'s first year: reviews and milestones booked, recorded from their cards, and the sweep (issue 14 item 1)', () => {
  it('books the ASYE milestones in both calendars, records each from its card signed by both and filed, and escalates only the one left undone', async () => {
    const tm = person('tm1');
    const nqsw = person('nqsw1');
    await bot.say(nqsw, 'hello');
    await bot.say(tm, 'hello');
    const start = nextMonday();
    const agreementId = await signAgreement(tm, nqsw, start);
    const repos = createRepositories(storage());

    // Booked: the year's reviews and milestones, each its own meeting in both calendars.
    const milestones = (await repos.milestones.list(agreementId)).sort((a, b) => (a.startUtc < b.startUtc ? -1 : 1));
    expect(milestones.map((m) => `${m.kind} ${m.subject}`).sort()).toEqual(expect.arrayContaining([
      'asye-learning-agreement learning-agreement', 'asye-review month-3', 'asye-review month-6', 'asye-review month-12', // Sefton ¶3.14 (L102)
      'direct-observation after-' + start, // Sefton ¶4.6 (L140)
      expect.stringMatching(/^pdr /), // Sefton ¶4.9 (L148)
      expect.stringMatching(/^agreement-review /), // Sefton ¶8.1 (L251)
    ]));
    for (const m of milestones) expect(m, m.label).toMatchObject({ status: 'booked', eventId: expect.any(String) });
    const organised = [...stack().tenant.store.mailbox(tm.id).values()].filter((e) => e.transactionId?.startsWith(milestoneTransactionPrefix(agreementId)));
    expect(organised).toHaveLength(milestones.length);
    // Never taken for a session: the sessions' prefix finds the 24 sessions only (Sefton NQSW: 6 weekly, fortnightly, monthly).
    expect([...stack().tenant.store.mailbox(tm.id).values()].filter((e) => e.transactionId?.startsWith(bookingTransactionPrefix(agreementId)))).toHaveLength(24);
    const invited = [...stack().tenant.store.mailbox(nqsw.id).values()].filter((e) => organised.some((o) => o.data.iCalUId === e.data.iCalUId));
    expect(invited).toHaveLength(milestones.length);
    for (const e of organised) {
      const subject = String(e.data.subject);
      const observation = subject.startsWith('Direct observation');
      // A Teams meeting, except direct observation: in person, where the practice is (Sefton App 2 (L478)).
      expect(e.data.isOnlineMeeting, subject).toBe(!observation);
      expect(e.data.body?.content, subject).not.toMatch(/SE-D\d|L\d{2,}/); // the policy's words, no rule ids
      expect(e.data.body?.content, subject).toMatch(/asks for it by \w+day \d{1,2} \w+ \d{4}/); // British long dates
    }

    // Each milestone but the direct observation is recorded from its card, in date order.
    const undone = milestones.find((m) => m.kind === 'direct-observation');
    expect(undone).toBeDefined();
    let first = true;
    for (const m of milestones) {
      if (m === undone) continue;
      const from = bot.mark();
      await travelTo(new Date(Date.parse(m.endUtc) + 16 * 60_000).toISOString());
      const card = await milestoneCard(tm, m, from);
      expect(text(card), m.label).toContain(m.label);
      const record = actionOf(card, 'recordMilestone')!.data!;
      if (first) {
        // Bad input is answered on the card, next to its field, and nothing is shared.
        const bad = await bot.press(tm, 'recordMilestone', { ...record, heldOn: addDays(m.date, 2), outcome: '' });
        expect(text(bad.value)).toContain('That day is still to come');
        expect(text(bad.value)).toContain('Say what the outcome was.');
        expect((await recordStore(storage()).get(recordKey(agreementId, m.milestoneId)))?.value.versions).toEqual([]);
        // Only the two people may see or sign it; anyone else is refused.
        expect((await bot.press(person('sw2'), 'recordMilestone', { ...record, heldOn: m.date, outcome: 'x' })).statusCode).toBe(403);
        first = false;
      }
      const toNqsw = bot.mark();
      const shared = await bot.press(tm, 'recordMilestone', { ...record, heldOn: m.date, outcome: `${m.label}: progress is good; next steps agreed.` });
      expect(text(shared.value), m.label).toContain(`signed and shared with ${nqsw.name}`);
      const review = await bot.cardTo(nqsw, toNqsw, `${m.label} to sign`, (c) => actionOf(c, 'recordSign')?.data?.['sessionId'] === m.milestoneId);
      expect(text(review)).toContain(m.label);
      const signed = await bot.press(nqsw, 'recordSign', actionOf(review, 'recordSign')!.data!);
      expect(text(signed.value), m.label).toContain('Signed by both, final');
    }

    // Signed by both and filed in the supervision file, named for what it records.
    const done = milestones.filter((m) => m !== undone);
    for (const m of done) {
      const filed = await until(`${m.label} filed`, async () => {
        const r = (await recordStore(storage()).get(recordKey(agreementId, m.milestoneId)))?.value;
        return r?.status === 'filed' ? r : undefined;
      }, 60_000);
      expect(filed.kind).toBe(m.kind);
      expect(filed.filed?.pdfPath).toContain(`${m.label} record v1.pdf`);
      expect((await repos.milestones.get(agreementId, m.milestoneId))?.status).toBe('held');
    }
    expect((await repos.milestones.get(agreementId, undone!.milestoneId))?.status).toBe('booked');

    // The daily sweep (src/jobs/sweep) on the days after the observation fell due: the product's own
    // sweep over the app's stores, the manager chain from the sandbox directory, messages captured.
    const org = stack().tenant.org;
    const directory = new InMemoryDirectory();
    for (const p of org.people) directory.add({ id: person(p.alias).id, displayName: p.displayName }, p.managerAlias ? person(p.managerAlias).id : undefined);
    const sent: { recipientId: string; message: OutboundMessage }[] = [];
    const messenger: Messenger = { channel: 'teams', honoursIdempotencyKey: true, send: async (recipientId, message) => { sent.push({ recipientId, message }); return { status: 'delivered', channel: 'teams' }; } };
    const sweepDeps: SweepDeps = {
      agreements: repos.agreements, records: repos.records, escalations: repos.escalations, directory, messenger,
      packFor: getPack, calendar: createWorkingCalendar({ nation: 'england-and-wales' }), settings: readEscalationSettings(SETTINGS)!,
    };
    const calendar = sweepDeps.calendar;
    const observationDue = undone!.due;
    for (const day of [addWorkingDays(calendar, observationDue, 1), addWorkingDays(calendar, observationDue, 5)]) {
      const result = await runSweep(sweepDeps, { now: new Date(`${day}T10:00:00Z`), agreementIds: [agreementId] });
      expect(result.ran, day).toBe(true);
    }
    const milestoneKinds = new Set<string>(milestones.map((m) => m.kind));
    const rows = (await sweepStores(storage()).ledger.list(agreementId)).items
      .map((i) => ({ step: i.value.step, recipientId: i.value.recipientId, ...parseObligationId(i.value.obligationId) }))
      .filter((e) => e.kind !== undefined && milestoneKinds.has(e.kind));
    // Sefton ¶4.6 (L140), a must: the observation was never recorded: the supervisor was nudged,
    // then their manager told.
    const chased = rows.filter((e) => e.kind === 'direct-observation');
    expect(chased).toEqual(expect.arrayContaining([
      expect.objectContaining({ step: 'nudge', recipientId: tm.id }),
      expect.objectContaining({ step: 'line-manager', recipientId: person('sm1').id }),
    ]));
    const toManager = sent.find((m) => m.recipientId === person('sm1').id && JSON.stringify(m.message).includes('observation'));
    // The manager reads the policy's own words behind it (Sefton ¶4.6 (L140)).
    expect(toManager?.message.items?.[0]?.why?.quote).toContain('Direct Observation of Practice will be undertaken');
    // What was done raises nothing: no nudge or escalation for any other review or milestone
    // (reminders before a due date are not chasing).
    expect(rows.filter((e) => e.kind !== 'direct-observation' && e.step !== 'reminder')).toEqual([]);
  }, 300_000);
});
