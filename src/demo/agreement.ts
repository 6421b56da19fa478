import { actionOf, cardIn, inputsOf, type BotDriver, type CardJson, type DemoUser } from '../sandbox/bot-driver.js';

const has = (card: CardJson, words: string) => JSON.stringify(card).includes(words);

/**
 * Issue 4's agreement, as the two people do it in Teams (src/conversation/agreements/flow.ts): the
 * supervisor drafts and sends it, the supervisee signs, the supervisor signs, and the booking job
 * books the year. `progress` hears each stage; the agreement's id comes back once both are told
 * their year is booked.
 */
export async function agreeAndBook(
  bot: BotDriver,
  supervisor: DemoUser,
  supervisee: DemoUser,
  progress: (stage: 'sent' | 'signed') => Promise<void> = async () => undefined,
): Promise<string> {
  const form = cardIn((await bot.say(supervisor, 'new agreement'))[0]);
  if (!form) throw new Error('no agreement form came back to "new agreement"');
  const submit = actionOf(form, 'agreementSubmit');
  let mark = bot.mark();
  const sent = await bot.press(supervisor, 'agreementSubmit', { ...submit?.data, ...inputsOf(form), superviseeId: supervisee.id, keyTasks: 'Assessments and duty' });
  if (!has(sent.value, 'Sent to')) throw new Error(`the agreement was not sent: ${JSON.stringify(sent.value).slice(0, 300)}`);
  await progress('sent');

  const toSign = await bot.cardTo(supervisee, mark, 'the agreement reaching the supervisee', (c) => actionOf(c, 'agreementSign') !== undefined);
  mark = bot.mark();
  await bot.press(supervisee, 'agreementSign', actionOf(toSign, 'agreementSign')?.data ?? {});
  const forSupervisor = await bot.cardTo(supervisor, mark, 'the signed agreement reaching the supervisor', (c) => actionOf(c, 'agreementSign') !== undefined);
  mark = bot.mark();
  await bot.press(supervisor, 'agreementSign', actionOf(forSupervisor, 'agreementSign')?.data ?? {});
  await progress('signed');

  // The booking job (src/jobs/booking) books the year into both Outlook calendars as Teams meetings.
  await bot.cardTo(supervisee, mark, 'the booking confirmation', (c) => has(c, 'Your year of supervision is booked'), 90_000);
  return String(submit?.data?.['agreementId']);
}
