import { speakerIdOf } from '../verb.js';
import { parseItemText } from '../../domain/agenda/agenda.js';
import { AppError } from '../../domain/errors.js';
import { addAgendaItem, agendaView, findBySuperviseeName, removeAgendaItem, upcomingSessions, type Upcoming } from '../../usecases/agenda/agenda.js';
import type { Command } from '../command.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';
import type { AgendaConversationDeps } from './deps.js';
import { agendaReply, dayLabel } from './present.js';

function depsOf(ctx: ConversationContext): AgendaConversationDeps {
  if (!ctx.agenda) throw new AppError('unavailable', 'Agendas are not available here yet.');
  return ctx.agenda;
}

const who = (speaker: Speaker): string => speakerIdOf(speaker, 'I could not tell who you are, so I cannot show you an agenda.');

const NO_SESSION = 'You have no supervision session booked ahead, so there is no agenda to show yet. Once an agreement is signed and the year is booked, the next session\'s agenda is here.';

/** `agenda`: the supervisee's next session's agenda; a supervisor also gets each supervisee's next one. */
export async function showAgendas(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const deps = depsOf(ctx);
  const upcoming = await upcomingSessions(deps, who(speaker));
  if (upcoming.length === 0) return [text(NO_SESSION)];
  const views = await Promise.all(upcoming.map((u) => agendaView(deps, u)));
  return views.map((v) => agendaReply(v, deps.newId()));
}

/** Which of the person's upcoming sessions a chat command means: their own supervision first, else the only one they chair. */
function defaultTarget(upcoming: readonly Upcoming[]): Upcoming {
  const own = upcoming.find((u) => u.role === 'supervisee');
  if (own) return own;
  const first = upcoming[0];
  if (!first) throw new AppError('invalid_input', NO_SESSION);
  if (upcoming.length > 1) {
    const names = upcoming.map((u) => u.superviseeName.split(' ')[0] ?? u.superviseeName).join(', ');
    throw new AppError('invalid_input', `You supervise more than one person with a session coming up (${names}). Say whose agenda, for example "add to agenda for ${names.split(', ')[0] ?? 'Sam'}: caseload".`);
  }
  return first;
}

/** `add to agenda <text>`, `add to agenda case <ref>: <text>`, `add to agenda for <name>: <text>`. */
export async function addFromChat(ctx: ConversationContext, speaker: Speaker, argument = ''): Promise<Reply[]> {
  const deps = depsOf(ctx);
  const personId = who(speaker);
  const upcoming = await upcomingSessions(deps, personId);
  let target: Upcoming | undefined;
  let rest = argument;
  const forName = /^for\s+([^:]{1,80}?)\s*:\s*(.*)$/is.exec(argument);
  if (forName) {
    const matches = findBySuperviseeName(upcoming, forName[1] ?? '');
    if (matches.length > 1) return [text(`More than one person you supervise is called "${forName[1] ?? ''}"; use their full name.`)];
    if (matches[0]) {
      target = matches[0];
      rest = forName[2] ?? '';
    } else if (upcoming.some((u) => u.role === 'supervisor')) {
      return [text(`I could not find "${forName[1] ?? ''}" among the people you supervise with a session coming up.`)];
    }
  }
  if (rest.trim() === '') {
    // No text: show the agenda with its field to add to.
    const shown = target ?? (upcoming.length > 0 ? defaultTarget(upcoming) : undefined);
    if (!shown) return [text(NO_SESSION)];
    return [agendaReply(await agendaView(deps, shown), deps.newId(), { notice: 'Type the item below, or say "add to agenda *your item*".' })];
  }
  target ??= defaultTarget(upcoming);
  const parsed = parseItemText(rest);
  const result = await addAgendaItem(deps, personId, { agreementId: target.agreement.id, sessionId: target.session.sessionId }, { itemId: deps.newId(), ...parsed });
  const whose = result.upcoming.role === 'supervisor' ? `${result.upcoming.superviseeName}'s agenda` : 'the agenda';
  return [text(`Added to ${whose} for ${dayLabel(result.upcoming.session.date)} as item ${result.number}: ${result.item.kind === 'case' ? `case ${result.item.caseRef ?? ''}: ` : ''}${result.item.text}. Type "agenda" to see it all, or "remove ${result.number}" to take it off.`)];
}

/** `remove <n>` (or `remove <n> for <name>` for a supervisor). */
export async function removeFromChat(ctx: ConversationContext, speaker: Speaker, argument = ''): Promise<Reply[]> {
  const deps = depsOf(ctx);
  const personId = who(speaker);
  const m = /^(?:item\s+)?#?(-?\d{1,3})(?:\s+(?:for|from)\s+(.+))?$/i.exec(argument.trim());
  if (!m) return [text('Say "remove" and the item\'s number as "agenda" shows it, for example "remove 2".')];
  const upcoming = await upcomingSessions(deps, personId);
  if (upcoming.length === 0) return [text(NO_SESSION)];
  let target: Upcoming;
  if (m[2]) {
    const matches = findBySuperviseeName(upcoming, m[2]);
    if (matches.length !== 1 || !matches[0]) return [text(`I could not tell whose agenda "${m[2]}" means; use their full name.`)];
    target = matches[0];
  } else {
    target = defaultTarget(upcoming);
  }
  const { removed, upcoming: u } = await removeAgendaItem(deps, personId, { agreementId: target.agreement.id, sessionId: target.session.sessionId }, Number(m[1]));
  return [text(`Removed from the agenda for ${dayLabel(u.session.date)}: ${removed.kind === 'case' ? `case ${removed.caseRef ?? ''}: ` : ''}${removed.text}. The items after it move up one.`)];
}

/** Chat commands about the agenda ("agenda", "add to agenda …", "remove 2"), issue 5 item 1. */
export const agendaCommands: readonly Command[] = [
  {
    name: 'agenda',
    usage: 'agenda',
    description: 'Shows the agenda of your next supervision (supervisors: each supervisee\'s next one), numbered, with open actions from earlier sessions.',
    phrases: ['agenda', 'my agenda', 'show agenda', 'show my agenda', 'show the agenda', 'agendas', 'next agenda', 'see agenda'],
    run: showAgendas,
  },
  {
    name: 'add-to-agenda',
    usage: 'add to agenda *item*',
    description: 'Adds an item to your next session\'s agenda. A case goes in by its number: "add to agenda case 1234567: court date"; supervisors: "add to agenda for Sam: caseload".',
    phrases: [],
    prefixes: ['add to agenda', 'add to the agenda', 'add to my agenda', 'agenda add'],
    run: addFromChat,
  },
  {
    name: 'remove-agenda-item',
    usage: 'remove *number*',
    description: 'Takes an item off your next session\'s agenda, by the number "agenda" shows.',
    phrases: [],
    prefixes: ['remove', 'remove item', 'delete item'],
    run: removeFromChat,
  },
];
