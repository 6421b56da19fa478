import { z } from 'zod';
import { addDays } from '../../domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { isAppError } from '../../domain/errors.js';
import { freeSlots } from '../../domain/sessions/free-slots.js';
import { cite } from '../../policy/cite.js';
import { isSpecified } from '../../policy/schema.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';

/** A supervisee's statement that they are not getting supervision, kept as evidence. */
export const ZSupervisionConcern = z.object({
  raisedAt: z.string(),
  supervisorId: z.string().optional(),
  lineManagerId: z.string().optional(),
  proposedSlots: z.array(z.object({ startUtc: z.string(), endUtc: z.string() })),
});
export type SupervisionConcern = z.infer<typeof ZSupervisionConcern>;

const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

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
  const from = addDays(today, 1);
  const until = addDays(today, 14);
  const busy = await deps.calendar.busy(people, londonToUtc(from, '00:00'), londonToUtc(addDays(until, 1), '00:00'));
  const slots = freeSlots({
    calendar: createWorkingCalendar({ nation: pack.nation }), from, until, minutes: 60, busy: [...busy.values()].flat(),
    dayStart: '09:00', dayEnd: '17:00', preferredTime: '10:00', limit: 3,
  });

  try {
    await concerns.create({ partition: person.id, id: today }, {
      raisedAt: nowIso, supervisorId: supervisor.id, lineManagerId: lineManager?.id, proposedSlots: slots.map((s) => ({ startUtc: s.startUtc, endUtc: s.endUtc })),
    });
  } catch (error) {
    if (isAppError(error) && error.code === 'conflict') return [text('You told me this already today: your supervisor has been told, and the three-way meeting proposed.')];
    throw error;
  }

  const times = slots.map((s) => `- ${when.format(new Date(s.startUtc))}`).join('\n');
  const proposal = lineManager
    ? slots.length > 0
      ? `A three-way meeting with ${supervisor.displayName} and ${lineManager.displayName} is proposed at one of these times, free for all three:\n\n${times}`
      : `No hour in the next two weeks is free for all three of you; ${lineManager.displayName} has been asked to arrange the three-way meeting.`
    : 'The directory names no manager above your supervisor, so no three-way meeting could be proposed.';
  const toSupervisor = `${person.displayName} has told me they are not getting supervision as the policy requires (${citation}). ${proposal}`;
  if (ctx.notifier) {
    await ctx.notifier.notify(supervisor.id, [text(toSupervisor)]);
    if (lineManager) await ctx.notifier.notify(lineManager.id, [text(toSupervisor)]);
  }
  return [text(`Thank you, I have recorded that you are not getting supervision and told ${supervisor.displayName} (${citation}). ${proposal}`)];
}
