import { utcToLondon } from '../../domain/calendar/london-time.js';
import { isAppError } from '../../domain/errors.js';
import { cite } from '../../policy/cite.js';
import { isSpecified } from '../../policy/schema.js';
import { concernKey, threeWaySlots, ZSupervisionConcern, type SupervisionConcern } from '../../usecases/sessions/three-way-meeting.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';
import { threeWayCard, threeWayReply } from './three-way.js';

/** Kept here for the composition root and older imports; the schema lives with the use case. */
export { ZSupervisionConcern, type SupervisionConcern };

/**
 * "I'm not getting supervision" (issue 6 item 3): recorded, the supervisor told, and — as Leeds §F
 * (L124–134) sets out — a three-way meeting with the supervisor and their line manager proposed
 * at times free for all three. Sefton ¶5.10 (L223) likewise has the supervisee raise it with the
 * supervisor and/or a Service Manager. One record a day: saying it twice does not raise it twice.
 */
export async function notGettingSupervision(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const deps = ctx.sessions;
  const concerns = ctx.concerns;
  if (!deps || !concerns || !ctx.agreements) return [text('I cannot record this here. Please raise it with your line manager.')];
  if (!speaker.personId) return [text('I could not tell who you are.')];
  const person = await ctx.directory.getPerson(speaker.personId);
  if (!person) return [text('I could not find you in the directory, so I cannot tell your supervisor. Please raise it with your line manager.')];
  const supervisor = await ctx.directory.getManager(person.id);
  if (!supervisor) return [text('The directory names no line manager for you, so I cannot tell anyone yet. Please raise it with your service manager.')];
  const lineManager = await ctx.directory.getManager(supervisor.id);

  const pack = ctx.agreements.pack;
  const path = pack.escalation.missedSupervision;
  const citation = isSpecified(path) ? cite(pack, path) : 'your council\'s supervision policy';
  const nowIso = deps.now();
  const today = utcToLondon(nowIso).date;

  const people = [person.id, supervisor.id, ...(lineManager ? [lineManager.id] : [])];
  const slots = await threeWaySlots(deps.calendar, pack, people, nowIso);

  const key = concernKey(person.id, today);
  const concern: SupervisionConcern = { raisedAt: nowIso, supervisorId: supervisor.id, lineManagerId: lineManager?.id, proposedSlots: slots };
  try {
    await concerns.create(key, concern);
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') {
      // Said twice the same day: raised once; the card shows where the meeting stands.
      const stored = (await concerns.get(key))?.value;
      const again = 'You told me this already today: your supervisor has been told, and the meeting proposed.';
      return stored ? [threeWayReply(await threeWayCard(ctx.directory, { superviseeId: person.id, concernDate: today, concern: stored, intro: again }))] : [text(again)];
    }
    throw error;
  }

  const others = lineManager ? `${supervisor.displayName} and ${lineManager.displayName}` : supervisor.displayName;
  const proposal = slots.length > 0
    ? lineManager
      ? `A three-way meeting with ${others} is proposed at one of these times, free for all three. Any of you may book it.`
      : `The directory names no manager above your supervisor, so a meeting with ${others} is proposed at one of these times, free for both. Either of you may book it.`
    : `No hour in the next two weeks is free for all of you; ${lineManager?.displayName ?? supervisor.displayName} has been asked to arrange the meeting.`;
  const toManagers = `${person.displayName} has told me they are not getting supervision as the policy requires (${citation}). ${proposal}`;
  const cardFor = async (intro: string) => threeWayReply(await threeWayCard(ctx.directory, { superviseeId: person.id, concernDate: today, concern, intro }));
  if (ctx.notifier) {
    const theirs = await cardFor(toManagers);
    await ctx.notifier.notify(supervisor.id, [theirs]);
    if (lineManager) await ctx.notifier.notify(lineManager.id, [theirs]);
  }
  return [await cardFor(`Thank you, I have recorded that you are not getting supervision and told ${supervisor.displayName} (${citation}). ${proposal}`)];
}
