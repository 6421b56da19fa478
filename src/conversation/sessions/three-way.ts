import { z } from 'zod';
import { threeWayMeetingCard } from '../../cards/three-way-meeting-card.js';
import { AppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import {
  bookThreeWayMeeting, concernPeople, DEFAULT_THREE_WAY, type SupervisionConcern, type ThreeWayDeps, type ThreeWaySettings, type ThreeWaySlot,
} from '../../usecases/sessions/three-way-meeting.js';
import type { PolicyWhy } from '../../policy/why.js';
import type { ConversationContext } from '../context.js';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { card, type Reply } from '../reply.js';
import type { VerbHandler } from '../verb.js';

import { slotTime } from '../dates.js';

export interface ThreeWayCardInput {
  readonly superviseeId: string;
  readonly concernDate: string;
  readonly concern: SupervisionConcern;
  /** What this card says to the person it goes to. */
  readonly intro: string;
  /** The policy's words for the rule the intro cites, under "Why?". */
  readonly why?: PolicyWhy | undefined;
  readonly slots?: readonly ThreeWaySlot[] | undefined;
  readonly error?: string | undefined;
  /** The council's three-way meeting settings, for the words when no time is free. */
  readonly settings?: ThreeWaySettings | undefined;
}

/** The three names, for the card's facts. */
async function facts(directory: Pick<Directory, 'getPerson'>, superviseeId: string, concern: SupervisionConcern) {
  const name = async (id: string | undefined) => (id ? (await directory.getPerson(id))?.displayName ?? 'someone no longer in the directory' : undefined);
  const [supervisee, supervisor, lineManager] = await Promise.all([name(superviseeId), name(concern.supervisorId), name(concern.lineManagerId)]);
  return [
    { title: 'Supervisee', value: supervisee ?? '' },
    ...(supervisor ? [{ title: 'Supervisor', value: supervisor }] : []),
    ...(lineManager ? [{ title: 'Line manager', value: lineManager }] : []),
  ];
}

/**
 * The three-way meeting card (Leeds §F (L124–134)): the times on the concern and "Book this
 * time", or once booked, when it is and who organised it.
 */
export async function threeWayCard(directory: Pick<Directory, 'getPerson'>, input: ThreeWayCardInput): Promise<AdaptiveCardJson> {
  const { concern } = input;
  const booking = concern.booking?.state === 'booked' ? concern.booking : undefined;
  let booked = '';
  if (booking) {
    const organizer = (await directory.getPerson(booking.organizerId))?.displayName ?? 'the organiser';
    const join = booking.joinUrl ? ` [Join the Teams meeting](${booking.joinUrl})` : '';
    booked = `Booked for ${slotTime(booking.startUtc)}: a Teams meeting organised by ${organizer}, in all three calendars.${join}`;
  }
  const slots = input.slots ?? concern.proposedSlots;
  return threeWayMeetingCard({
    superviseeId: input.superviseeId,
    concernDate: input.concernDate,
    title: concern.lineManagerId ? 'Three-way meeting about supervision' : 'Meeting about supervision',
    intro: input.intro,
    why: input.why,
    facts: await facts(directory, input.superviseeId, concern),
    slots: slots.map((s) => ({ value: `${s.startUtc}|${s.endUtc}`, label: slotTime(s.startUtc) })),
    booked,
    error: input.error ?? '',
    noSlots: `No ${freeTimeWords(input.settings)} is free for all three of you. Please agree a time and book it in Outlook.`,
  });
}

export function threeWayReply(json: AdaptiveCardJson): Reply {
  return card(json, 'A three-way meeting about supervision');
}

const ZBookData = z.object({
  superviseeId: z.string().min(1).max(200),
  concernDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  slot: z.string().regex(/^\S+Z\|\S+Z$/).optional(),
});

function threeWayDeps(ctx: ConversationContext): ThreeWayDeps {
  if (!ctx.concerns || !ctx.sessions || !ctx.agreements) throw new AppError('unavailable', 'Booking this meeting is not available here.');
  return { concerns: ctx.concerns, calendar: ctx.sessions.calendar, directory: ctx.directory, pack: ctx.agreements.pack, now: ctx.sessions.now, settings: ctx.threeWay };
}

const WEEKS: Readonly<Record<number, string>> = { 7: 'week', 14: 'two weeks', 21: 'three weeks', 28: 'four weeks' };

/** The times offered, in words: "hour in the next two weeks" by default, the council's settings otherwise. */
export function freeTimeWords(settings: ThreeWaySettings = DEFAULT_THREE_WAY): string {
  const length = settings.minutes === 60 ? 'hour' : settings.minutes === 30 ? 'half hour' : `${settings.minutes}-minute time`;
  const ahead = WEEKS[settings.lookAheadDays] ?? (settings.lookAheadDays === 1 ? 'day' : `${settings.lookAheadDays} days`);
  return `${length} in the next ${ahead}`;
}

/**
 * "Book this time" on the three-way meeting card: any of the three may book, anyone else is
 * refused (bookThreeWayMeeting); the pressed card shows the result, and the first press that
 * books tells the other two.
 */
export const threeWayBook: VerbHandler = async (ctx, speaker, data) => {
  const deps = threeWayDeps(ctx);
  const parsed = ZBookData.safeParse(data ?? {});
  if (!parsed.success) throw new AppError('invalid_input', 'That card is out of date or incomplete. Please choose a time on the latest card.');
  if (!speaker.personId) throw new AppError('forbidden', 'I could not tell who you are.');
  const { superviseeId, concernDate } = parsed.data;
  const [startUtc = '', endUtc = ''] = (parsed.data.slot ?? '').split('|');
  const result = await bookThreeWayMeeting(deps, { superviseeId, concernDate, byPersonId: speaker.personId, startUtc, endUtc });
  const base = { superviseeId, concernDate, concern: result.concern, settings: ctx.threeWay };
  if (result.kind === 'slot-taken') {
    const error = result.freshSlots.length > 0
      ? 'That time is no longer free for all three of you. Here are times that are free now.'
      : `That time is no longer free for all three of you, and no other ${freeTimeWords(deps.settings)} is. Please agree a time and book it in Outlook.`;
    return { card: await threeWayCard(ctx.directory, { ...base, intro: 'Choose another time for the meeting.', slots: result.freshSlots, error }), replies: [] };
  }
  const intro = result.already ? 'This meeting was already booked; nothing changed.' : 'The meeting is booked.';
  const mine = await threeWayCard(ctx.directory, { ...base, intro });
  if (!result.already && ctx.notifier) {
    // Whose press claimed it (with two presses at once, the one that finished may be the other).
    const booker = (await ctx.directory.getPerson(result.booking.bookedBy))?.displayName ?? 'One of you';
    const theirs = await threeWayCard(ctx.directory, { ...base, intro: `${booker} booked the meeting about supervision.` });
    for (const id of concernPeople(superviseeId, result.concern)) {
      if (id !== speaker.personId) await ctx.notifier.notify(id, [threeWayReply(theirs)]);
    }
  }
  return { card: mine, replies: [] };
};
