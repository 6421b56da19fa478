import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { addDays } from '../../../src/domain/calendar/local-date.js';
import { utcToLondon } from '../../../src/domain/calendar/london-time.js';
import { parseObligationId } from '../../../src/domain/obligations/obligation-id.js';
import { readEscalationSettings } from '../../../src/config/escalation-settings.js';
import { addWorkingDays, createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import type { Messenger } from '../../../src/domain/ports/messenger.js';
import { runSweep, type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { getPack } from '../../../src/policy/packs.js';
import { sweepStores } from '../../../src/repositories/escalations.js';
import { recordAuditPartition } from '../../../src/repositories/records.js';
import { RefusalRepository, refusalLog } from '../../../src/repositories/refusals.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';
import { createRepositories } from '../../../src/repositories/index.js';
import { agreementKey, agreementStore, recordAuditLog, recordKey, recordStore } from '../../../src/repositories/tables.js';
import { actionOf, inputsOf, type CardJson } from '../../../src/sandbox/bot-driver.js';
import { cardOf, useBot, type Person } from '../../support/bot.js';
import { until } from '../../support/until.js';

/**
 * Issue 14 item 1: each review or milestone's card records "that it happened and its outcome", or
 * that it did not, with a short reason; what was not done stays required and the sweep escalates
 * it. Through the Bot Framework protocol against the sandbox tenant and Azurite: the direct
 * observation of practice Sefton's policy asks for (¶4.6 (L140), a must the supervisor answers
 * for) is recorded as not held from its card.
 */
const SETTINGS = fileURLToPath(new URL('../../../env/escalation.sandbox.json', import.meta.url));
const { stack, bot, person } = useBot({ POLICY_PACK: 'sefton', ESCALATION_SETTINGS_FILE: SETTINGS });
const text = (x: unknown) => JSON.stringify(x);
const storage = () => createStorage(stack().azurite.connectionString);

async function travelTo(iso: string): Promise<void> {
  const res = await fetch(`${stack().url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ travelTo: iso }) });
  expect(res.status, `travel to ${iso}`).toBe(200);
}

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
  await bot.press(tm, 'agreementSubmit', data);
  const toSign = await bot.cardTo(nqsw, from, 'the agreement reaching the NQSW', (c) => actionOf(c, 'agreementSign') !== undefined);
  from = bot.mark();
  await bot.press(nqsw, 'agreementSign', actionOf(toSign, 'agreementSign')?.data ?? {});
  const forSupervisor = await bot.cardTo(tm, from, 'the signed agreement reaching the supervisor', (c) => actionOf(c, 'agreementSign') !== undefined);
  await bot.press(tm, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {});
  await until('the year booked', async () => ((await agreementStore(storage()).get(agreementKey(agreementId)))?.value.status === 'booked' ? true : undefined), 60_000);
  return agreementId;
}

describe('a review or milestone that did not take place, from its card (issue 14 item 1)', () => {
  it('Sefton ¶4.6 (L140): the direct observation recorded as not held keeps its reason once, refuses the supervisee and a stranger (audited), stays required and is escalated by the sweep; held later, it is recorded from the same card', async () => {
    const tm = person('tm1');
    const nqsw = person('nqsw1');
    const stranger = person('sw2');
    await bot.say(nqsw, 'hello');
    await bot.say(tm, 'hello');
    const start = nextMonday();
    const agreementId = await signAgreement(tm, nqsw, start);
    const repos = createRepositories(storage());
    const m = (await repos.milestones.list(agreementId)).find((x) => x.kind === 'direct-observation');
    expect(m).toBeDefined();
    const observation = m!;

    const from = bot.mark();
    const now = new Date(Date.parse(observation.endUtc) + 16 * 60_000).toISOString();
    await travelTo(now);
    const card: CardJson = await bot.cardTo(tm, from, 'the observation\'s record card', (c) => actionOf(c, 'recordMilestone')?.data?.['sessionId'] === observation.milestoneId, 60_000);
    // The card offers both: it took place (sign and share), or it did not, with a reason.
    const notHeldAction = actionOf(card, 'recordMilestoneNotHeld');
    expect(notHeldAction?.data).toMatchObject({ agreementId, sessionId: observation.milestoneId });
    expect(text(card)).toContain('It did not take place');
    const data = notHeldAction!.data!;

    // A missing reason is answered in plain words and nothing is stored.
    const empty = await bot.press(tm, 'recordMilestoneNotHeld', { ...data, notHeldReason: '  ' });
    expect(text(empty.value)).toContain('Give the reason it did not take place.');
    expect((await recordStore(storage()).get(recordKey(agreementId, observation.milestoneId)))?.value.status).toBe('draft');

    // The supervisee and a stranger are refused, in plain words, and each refusal is audited.
    const bySupervisee = await bot.press(nqsw, 'recordMilestoneNotHeld', { ...data, notHeldReason: 'x' });
    expect(bySupervisee.statusCode).toBe(403);
    const byStranger = await bot.press(stranger, 'recordMilestoneNotHeld', { ...data, notHeldReason: 'x' });
    expect(byStranger.statusCode).toBe(403);
    expect(text(byStranger.value)).not.toMatch(/SE-[A-Z]\d|L\d{2,}/);
    const month = now.slice(0, 7);
    const months = [...new Set([month, new Date().toISOString().slice(0, 7)])];
    const refusals = (await Promise.all(months.map((mo) => new RefusalRepository(refusalLog(storage())).inMonth(mo)))).flat();
    const recordAudit = (await Promise.all(months.map((mo) => recordAuditLog(storage()).list(recordAuditPartition(`${mo}-01T00:00:00Z`))))).flatMap((p) => p.items.map((i) => i.value));
    const audited = (id: string) => refusals.some((r) => r.byId === id && r.what === 'recordMilestoneNotHeld')
      || recordAudit.some((r) => r.byId === id && r.sessionId === observation.milestoneId && r.attempted === 'not-held');
    expect(audited(nqsw.id), 'the supervisee\'s refusal audited').toBe(true);
    expect(audited(stranger.id), 'the stranger\'s refusal audited').toBe(true);
    expect((await recordStore(storage()).get(recordKey(agreementId, observation.milestoneId)))?.value.status).toBe('draft');

    // The supervisor records it did not take place; a double press stores it once.
    const reason = 'The family cancelled the home visit.';
    const [first, second] = [await bot.press(tm, 'recordMilestoneNotHeld', { ...data, notHeldReason: reason }), await bot.press(tm, 'recordMilestoneNotHeld', { ...data, notHeldReason: reason })];
    expect(text(first.value)).toContain('did not take place');
    // What happens next, in the policy's words (never a rule id) and how to rebook it.
    expect(text(first.value)).toContain('Direct Observation of Practice will be undertaken');
    expect(text(first.value)).toContain('book it again');
    expect(text(first.value)).not.toMatch(/SE-[A-Z]\d|L\d{2,}/);
    expect(text(second.value)).toContain('already recorded');
    const stored = (await recordStore(storage()).get(recordKey(agreementId, observation.milestoneId)))!.value;
    expect(stored.status).toBe('not-held');
    expect(stored.notHeld?.reason).toBe(reason);
    expect(stored.history.filter((e) => e.event === 'not-held')).toEqual([expect.objectContaining({ by: tm.id })]);
    expect(stored.versions).toEqual([]);
    // Not held is not done: the milestone stays booked and its obligation open.
    expect((await repos.milestones.get(agreementId, observation.milestoneId))?.status).toBe('booked');

    // Opened again (the card's refresh), it stays the supervisor's card, saying it did not take place and is still required.
    const reopened = await bot.press(tm, 'recordOpen', { agreementId, sessionId: observation.milestoneId });
    expect(text(reopened.value)).toContain(`It did not take place: ${reason}`);
    expect(actionOf(reopened.value, 'recordMilestone')).toBeDefined();
    expect(actionOf(reopened.value, 'recordMilestoneNotHeld')).toBeUndefined();

    // The sweep after the observation fell due: the supervisor nudged, then their manager told.
    const org = stack().tenant.org;
    const directory = new InMemoryDirectory();
    for (const p of org.people) directory.add({ id: person(p.alias).id, displayName: p.displayName }, p.managerAlias ? person(p.managerAlias).id : undefined);
    const messenger: Messenger = { channel: 'teams', honoursIdempotencyKey: true, send: async () => ({ status: 'delivered', channel: 'teams' }) };
    const sweepDeps: SweepDeps = {
      agreements: repos.agreements, records: repos.records, escalations: repos.escalations, directory, messenger,
      packFor: getPack, calendar: createWorkingCalendar({ nation: 'england-and-wales' }), settings: readEscalationSettings(SETTINGS)!,
    };
    for (const day of [addWorkingDays(sweepDeps.calendar, observation.due, 1), addWorkingDays(sweepDeps.calendar, observation.due, 5)]) {
      expect((await runSweep(sweepDeps, { now: new Date(`${day}T10:00:00Z`), agreementIds: [agreementId] })).ran, day).toBe(true);
    }
    const chased = (await sweepStores(storage()).ledger.list(agreementId)).items
      .map((i) => ({ step: i.value.step, recipientId: i.value.recipientId, ...parseObligationId(i.value.obligationId) }))
      .filter((e) => e.kind === 'direct-observation');
    expect(chased).toEqual(expect.arrayContaining([
      expect.objectContaining({ step: 'nudge', recipientId: tm.id }),
      expect.objectContaining({ step: 'line-manager', recipientId: person('sm1').id }),
    ]));

    // Rebooked and held: the same card's "Sign and share" records it as held after all.
    const shared = await bot.press(tm, 'recordMilestone', { ...actionOf(card, 'recordMilestone')!.data!, heldOn: observation.date, outcome: 'Observed a home visit; feedback given.' });
    expect(text(shared.value)).toContain(`signed and shared with ${nqsw.name}`);
    expect((await repos.milestones.get(agreementId, observation.milestoneId))?.status).toBe('held');
  }, 300_000);
});
