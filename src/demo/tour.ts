import { findPerson } from '../sandbox/demo-org.js';
import { actionOf, cardIn, inputsOf, type CardJson, type DemoUser } from '../sandbox/bot-driver.js';
import type { DemoStack } from './stack.js';
import { agreeAndBook } from './agreement.js';
import { createStorage } from '../adapters/storage/index.js';
import { createRepositories } from '../repositories/index.js';
import { until } from '../sandbox/until.js';

export interface TourOptions {
  /** Runs before each numbered step (the tests restart the bot here). */
  readonly beforeStep?: (step: number) => Promise<void>;
}

export interface TourResult {
  readonly [name: string]: string;
}

const has = (card: CardJson, words: string) => JSON.stringify(card).includes(words);

/**
 * The cycle, step by step. Each step is what a person does in Teams; the comments say what the
 * product does in answer and where to read the code.
 */
export async function runTour(stack: DemoStack, say: (line: string) => void, options: TourOptions = {}): Promise<TourResult> {
  const { bot, tenant } = stack;
  const announce = async (line: string) => {
    const step = Number(/^step (\d+)/.exec(line)?.[1]);
    await options.beforeStep?.(step);
    say(line);
  };
  const person = (alias: string): DemoUser => {
    const p = findPerson(tenant.org, alias);
    if (!p) throw new Error(`no demo person ${alias}`);
    return { id: p.id, name: p.displayName };
  };
  const supervisor = person('tm1');
  const supervisee = person('sw1');
  await announce(`step 1: ${supervisee.name} (social worker) and ${supervisor.name} (team manager) open the app`);
  await bot.say(supervisee, 'hello');
  await bot.say(supervisor, 'hello');

  // Issue 4: the agreement on a card, signed by both; the year is booked (src/demo/agreement.ts).
  await announce('step 2: the supervisor drafts the supervision agreement and sends it');
  const agreementId = await agreeAndBook(bot, supervisor, supervisee, async (stage) => {
    await announce(stage === 'sent' ? 'step 3: the supervisee reads it and signs; then the supervisor signs (SHA-256 of the terms)' : 'step 4: the year of sessions is booked into both calendars');
  });
  const storage = createStorage(stack.connectionString);
  const repos = createRepositories(storage);
  const first = (await repos.agreements.sessions(agreementId)).find((s) => s.status === 'booked');
  if (!first) throw new Error('no booked session');

  // Issue 5 item 1: the agenda, in chat (src/conversation/agenda). A case goes by its LCS number,
  // never a child's name (Sefton App 3 L551): the bot refuses a name.
  await announce(`step 5: before the first session (${first.date}) both add to the agenda; a child's name is refused`);
  await bot.say(supervisee, 'add to agenda My caseload has grown since the restructure');
  const refused = await bot.say(supervisee, 'add to agenda case 1234567: Jayden Smith moving to foster care');
  if (!JSON.stringify(refused).includes('name')) throw new Error('a child\'s name was not refused');
  await bot.say(supervisee, 'add to agenda case 1234567: planning for the review conference');
  await bot.say(supervisor, `add to agenda for ${supervisee.name}: Training plan for the new year`);
  const agenda = cardIn((await bot.say(supervisee, 'agenda'))[0]);
  if (!agenda || !has(agenda, 'review conference') || !has(agenda, 'Training plan')) throw new Error('the agenda does not show both people\'s items');

  // Issue 5 item 2: when the meeting ends (scheduled end + 15 minutes) the supervisor gets the
  // record card. The sandbox clock moves forward instead of waiting for the meeting.
  await announce('step 6: the meeting ends; the supervisor gets the record card for the pack\'s template');
  let mark = bot.mark();
  await travelTo(stack, new Date(Date.parse(first.endUtc) + 16 * 60_000).toISOString());
  const recordCard = await bot.cardTo(supervisor, mark, 'the record card', (c) => actionOf(c, 'recordShare') !== undefined, 60_000);

  await announce('step 7: the supervisor completes the record (every standing item addressed or not applicable, an action with owner and due date) and signs it');
  const due = new Date(Date.parse(first.endUtc) + 21 * 86_400_000).toISOString().slice(0, 10);
  mark = bot.mark();
  const shared = await bot.press(supervisor, 'recordShare', { ...actionOf(recordCard, 'recordShare')?.data, ...fillRecord(inputsOf(recordCard), due) });
  if (shared.statusCode !== 200 || !has(shared.value, 'Waiting for')) throw new Error(`the record was not shared: ${JSON.stringify(shared.value).slice(0, 300)}`);

  await announce('step 8: the supervisee reads it and records a disagreement, which stays part of the record');
  const review = await bot.cardTo(supervisee, mark, 'the record reaching the supervisee', (c) => actionOf(c, 'recordDisagree') !== undefined);
  mark = bot.mark();
  await bot.press(supervisee, 'recordDisagree', { ...actionOf(review, 'recordDisagree')?.data, disagreement: 'The action is due too soon: the course is not running until later.' });

  await announce('step 9: the supervisor amends it; version 2 needs both signatures again');
  const disputed = await bot.cardTo(supervisor, mark, 'the disagreement reaching the supervisor', (c) => actionOf(c, 'recordAmend') !== undefined);
  const amend = await bot.press(supervisor, 'recordAmend', actionOf(disputed, 'recordAmend')?.data ?? {});
  mark = bot.mark();
  const later = new Date(Date.parse(first.endUtc) + 42 * 86_400_000).toISOString().slice(0, 10);
  await bot.press(supervisor, 'recordShare', { ...actionOf(amend.value, 'recordShare')?.data, ...fillRecord(inputsOf(amend.value), later) });

  await announce('step 10: the supervisee signs version 2: both signatures cover the same hash, so the record is final');
  const second = await bot.cardTo(supervisee, mark, 'version 2 reaching the supervisee', (c) => actionOf(c, 'recordSign') !== undefined);
  const signed = await bot.press(supervisee, 'recordSign', actionOf(second, 'recordSign')?.data ?? {});
  if (!has(signed.value, 'final')) throw new Error('the record is not final');

  // Issue 5 item 4: the filing job renders the PDF and stores it with the canonical JSON in the
  // employee's folder of the supervision site, with metadata and the retention label.
  await announce('step 11: the signed record is filed in the employee\'s SharePoint supervision file');

  const filed = await until('the record to be filed', async () => {
    const found = await repos.records.get(agreementId, first.sessionId);
    return found?.status === 'filed' ? found : undefined;
  }, 60_000);
  return {
    'agreement': agreementId,
    'session date': filed.sessionDate,
    'record version': String(filed.versions.length),
    'sharepoint pdf': filed.filed?.pdfPath ?? '',
    'sharepoint json': filed.filed?.jsonPath ?? '',
    'record hash': filed.versions.at(-1)?.hash ?? '',
    'sandbox files': `${tenant.url}/_sandbox/files`,
  };
}

/** What the supervisor types into the record card: every standing item addressed, one action. */
function fillRecord(inputs: Record<string, string>, due: string): Record<string, string> {
  const filled: Record<string, string> = { ...inputs };
  for (const id of Object.keys(inputs)) if (/^si\d+_status$/.test(id)) filled[id] = 'addressed';
  return {
    ...filled,
    discussion: 'Caseload since the restructure; the review conference plan for case 1234567.',
    decisions: 'Two new allocations paused until January.',
    personalIssues: 'no',
    a0_text: 'Book the advanced safeguarding course',
    a0_owner: 'supervisee',
    a0_due: due,
  };
}

async function travelTo(stack: DemoStack, instant: string): Promise<void> {
  const res = await fetch(`${stack.app.server.url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ travelTo: instant }) });
  if (!res.ok) throw new Error(`the sandbox clock did not move: ${res.status}`);
}
