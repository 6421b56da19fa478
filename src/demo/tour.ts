import { findPerson } from '../sandbox/demo-org.js';
import { actionOf, cardIn, inputsOf, type CardJson, type DemoUser } from '../sandbox/bot-driver.js';
import type { DemoStack } from './stack.js';

export interface TourResult {
  readonly [name: string]: string;
}

const has = (card: CardJson, words: string) => JSON.stringify(card).includes(words);

/**
 * The cycle, step by step. Each step is what a person does in Teams; the comments say what the
 * product does in answer and where to read the code.
 */
export async function runTour(stack: DemoStack, say: (line: string) => void): Promise<TourResult> {
  const { bot, tenant } = stack;
  const person = (alias: string): DemoUser => {
    const p = findPerson(tenant.org, alias);
    if (!p) throw new Error(`no demo person ${alias}`);
    return { id: p.id, name: p.displayName };
  };
  const supervisor = person('tm1');
  const supervisee = person('sw1');
  say(`step 1: ${supervisee.name} (social worker) and ${supervisor.name} (team manager) open the app`);
  await bot.say(supervisee, 'hello');
  await bot.say(supervisor, 'hello');

  // Issue 4: the supervisor drafts the agreement on a card (src/conversation/agreements/flow.ts).
  say('step 2: the supervisor drafts the supervision agreement and sends it');
  const form = cardIn((await bot.say(supervisor, 'new agreement'))[0]);
  if (!form) throw new Error('no agreement form');
  const submit = actionOf(form, 'agreementSubmit');
  let mark = bot.mark();
  const sent = await bot.press(supervisor, 'agreementSubmit', { ...submit?.data, ...inputsOf(form), superviseeId: supervisee.id, keyTasks: 'Assessments and duty' });
  if (!has(sent.value, 'Sent to')) throw new Error(`the agreement was not sent: ${sent.value.message ?? ''}`);

  say('step 3: the supervisee reads it and signs; then the supervisor signs (SHA-256 of the terms)');
  const toSign = await bot.cardTo(supervisee, mark, 'the agreement reaching the supervisee', (c) => actionOf(c, 'agreementSign') !== undefined);
  mark = bot.mark();
  await bot.press(supervisee, 'agreementSign', actionOf(toSign, 'agreementSign')?.data ?? {});
  const forSupervisor = await bot.cardTo(supervisor, mark, 'the signed agreement reaching the supervisor', (c) => actionOf(c, 'agreementSign') !== undefined);
  mark = bot.mark();
  await bot.press(supervisor, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {});

  // The booking job (src/jobs/booking) books the year into both Outlook calendars as Teams meetings.
  say('step 4: the year of sessions is booked into both calendars');
  await bot.cardTo(supervisee, mark, 'the booking confirmation', (c) => has(c, 'Your year of supervision is booked'), 60_000);

  return {};
}
