import { isSpecified } from '../../policy/schema.js';
import { citeForPeople, whyOf } from '../../policy/why.js';
import { raiseConcern } from '../../usecases/sessions/raise-concern.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';
import { freeTimeWords, threeWayCard, threeWayReply } from './three-way.js';

/**
 * "I'm not getting supervision" (issue 6 item 3): recorded (usecases/sessions/raise-concern.ts),
 * the supervisor and their line manager told, and — as Leeds §F (L124–134) sets out — a three-way
 * meeting proposed at times free for all three. Sefton ¶5.10 (L223) likewise has the supervisee
 * raise it with the supervisor and/or a Service Manager.
 */
export async function notGettingSupervision(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const deps = ctx.sessions;
  const concerns = ctx.concerns;
  if (!deps || !concerns || !ctx.agreements) return [text('I cannot record this here. Please raise it with your line manager.')];
  if (!speaker.personId) return [text('I could not tell who you are.')];
  const pack = ctx.agreements.pack;
  const path = pack.escalation.missedSupervision;
  // The escalation path's words under "Why?" on every card this sends.
  const why = isSpecified(path) ? whyOf(pack, path) : undefined;
  const raised = await raiseConcern({ concerns, calendar: deps.calendar, directory: ctx.directory, pack, now: deps.now, settings: ctx.threeWay }, speaker.personId);
  if (raised.kind === 'unknown-person') return [text('I could not find you in the directory, so I cannot tell your supervisor. Please raise it with your line manager.')];
  if (raised.kind === 'no-supervisor') return [text('The directory names no line manager for you, so I cannot tell anyone yet. Please raise it with your service manager.')];
  const { person, supervisor, lineManager, concernDate: today, concern } = raised;
  const cardFor = async (intro: string) => threeWayReply(await threeWayCard(ctx.directory, { superviseeId: person.id, concernDate: today, concern, intro, why, settings: ctx.threeWay }));
  // Said twice the same day: raised once; the card shows where the meeting stands.
  if (raised.kind === 'already') return [await cardFor('You told me this already today: your supervisor has been told, and the meeting proposed.')];

  const citation = isSpecified(path) ? citeForPeople(pack, path) : 'your council\'s supervision policy';
  const slots = concern.proposedSlots;
  const others = lineManager ? `${supervisor.displayName} and ${lineManager.displayName}` : supervisor.displayName;
  const proposal = slots.length > 0
    ? lineManager
      ? `A three-way meeting with ${others} is proposed at one of these times, free for all three. Any of you may book it.`
      : `The directory names no manager above your supervisor, so a meeting with ${others} is proposed at one of these times, free for both. Either of you may book it.`
    : `No ${freeTimeWords(ctx.threeWay)} is free for all of you; ${lineManager?.displayName ?? supervisor.displayName} has been asked to arrange the meeting.`;
  const toManagers = `${person.displayName} has told me they are not getting supervision as the policy requires (${citation}). ${proposal}`;
  // Who was told is said only of those the message reached (issue 15 item 2).
  const reached: string[] = [];
  const missed: string[] = [];
  const theirs = await cardFor(toManagers);
  for (const manager of [supervisor, ...(lineManager ? [lineManager] : [])]) {
    const outcome = ctx.notifier ? await ctx.notifier.notify(manager.id, [theirs]) : 'unreachable';
    (outcome === 'delivered' ? reached : missed).push(manager.displayName);
  }
  const told = reached.length > 0 ? ` and told ${reached.join(' and ')}` : '';
  const notTold = missed.length > 0 ? ` I could not reach ${missed.join(' or ')} in Teams just now, so they have not been told yet; what you said is recorded.` : '';
  return [await cardFor(`Thank you, I have recorded that you are not getting supervision${told} (${citation}). ${proposal}${notTold}`)];
}
