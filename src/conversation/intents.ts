/**
 * What people ask, as they ask it (issue 15 item 4): a small table of everyday phrasings for each
 * command, tried after a command's exact phrases and before "did you mean". Not a language model:
 * each pattern matches the whole message (after normalise() and the politeness around it is
 * taken off), so a sentence meant for the agenda is never taken for a question.
 */
import type { Command } from './command.js';
import { normalise } from './normalise.js';

export interface Intent {
  /** The Command.name it runs. */
  readonly command: string;
  readonly patterns: readonly RegExp[];
}

const MY = '(?:my|our)';
const SUPERVISION = '(?:supervision|supervisions|supervision session|supervision sessions|supervision meeting|supervision meetings|one to one|1 to 1|1 2 1|1 1|121)';

export const intents: readonly Intent[] = [
  {
    command: 'next-supervision',
    patterns: [
      new RegExp(`^(?:when s|when is|whens|what s|what is|when will be|where is)? ?${MY}? ?(?:next|upcoming) (?:${SUPERVISION}|session|meeting)(?: with .{1,60})?$`),
      new RegExp(`^when (?:is|s) ${MY} (?:${SUPERVISION}|session)(?: with .{1,60})?$`),
      new RegExp(`^(?:what|which) (?:day|date|time) is ${MY} (?:next )?(?:${SUPERVISION}|session)$`),
      /^when (?:do|will|shall) i (?:next )?(?:see|meet|have) (?:my )?(?:supervisor|manager|supervision|a supervision)(?: next)?$/,
      /^when am i (?:next )?(?:being )?supervised(?: next)?$/,
      new RegExp(`^when ${MY} (?:next )?(?:${SUPERVISION}|session) is$`),
      /^is my (?:next )?supervision booked$/,
      /^have i got supervision (?:coming up|booked|soon)$/,
      /^next one$/,
    ],
  },
  {
    command: 'my-sessions',
    patterns: [
      new RegExp(`^(?:show|list|see)? ?(?:me )?(?:all )?(?:of )?${MY} (?:${SUPERVISION}|sessions|meetings|supervision dates|dates)$`),
      new RegExp(`^(?:all |upcoming |future |booked )?(?:${SUPERVISION}|sessions)(?: dates)?$`),
      new RegExp(`^when are ${MY} (?:${SUPERVISION}|sessions)$`),
      /^supervision dates$/,
      /^what sessions (?:do i have|have i got)(?: booked)?$/,
    ],
  },
  {
    command: 'my-team',
    patterns: [
      new RegExp(`^(?:show|see|list)? ?(?:me )?${MY} (?:team|teams|supervisees|staff|reports|direct reports|team s supervision|team supervision)$`),
      /^(?:team|my team overview|team overview|supervisees)$/,
      /^who (?:do i supervise|am i supervising|reports to me)$/,
      /^(?:the )?people i supervise$/,
      /^how is (?:my team|everyone) getting on$/,
    ],
  },
  {
    command: 'team-compliance',
    patterns: [
      new RegExp(`^(?:show|see)? ?(?:me )?(?:${MY} )?(?:team s |team |teams )?(?:supervision )?(?:compliance|compliance report|report)$`),
      /^(?:supervision|compliance) (?:report|figures|stats|statistics)$/,
      /^how is my team doing(?: on supervision)?$/,
      /^is (?:my team|everyone) up to date(?: with supervision)?$/,
      /^who is (?:overdue|behind)(?: on supervision| with supervision)?$/,
      /^(?:overdue|lapsed|missed) supervision(?:s)?(?: in my team)?$/,
    ],
  },
  {
    command: 'my-actions',
    patterns: [
      new RegExp(`^(?:show|see|list)? ?(?:me )?(?:${MY} )?(?:open |outstanding |overdue )?(?:actions|action points|tasks|to do|todo|to do list|todo list|things to do)$`),
      /^what (?:do i need to do|have i got to do|are my actions|actions do i have)$/,
      /^what actions are (?:open|outstanding|overdue)$/,
      /^(?:what s|what is) (?:overdue|outstanding)$/,
    ],
  },
  {
    command: 'attention',
    patterns: [
      new RegExp(`^(?:show|see)? ?(?:me )?(?:${MY} )?(?:escalations|alerts|reminders|lapses|notifications)$`),
      /^what needs (?:my )?attention$/,
      /^(?:is there )?anything (?:for me|i need to know|i need to look at)$/,
      /^what s (?:new|happening|going on)$/,
      /^(?:any )?escalations(?: for me)?$/,
    ],
  },
  {
    command: 'agenda',
    patterns: [
      new RegExp(`^(?:what s|what is) on ${MY} (?:next )?agenda$`),
      /^(?:show|see) (?:me )?(?:the |my )?(?:next )?agenda(?: for my next supervision)?$/,
      /^agenda for (?:my )?next (?:supervision|session)$/,
    ],
  },
  {
    command: 'my-records',
    patterns: [
      /^(?:show|see|list)? ?(?:me )?(?:my )?(?:supervision )?(?:records|notes|minutes)(?: of (?:my )?supervision)?$/,
      /^(?:do i have )?anything to sign$/,
      /^(?:what|which) records? (?:do i need to sign|are waiting for me|need signing)$/,
    ],
  },
  {
    command: 'help',
    patterns: [/^(?:what can i do|how does this work|what do you do|what can you help with|help me|i need help|how do i use this)$/],
  },
  {
    command: 'not-getting-supervision',
    patterns: [/^i (?:haven t|have not|ve not|havent) (?:had|been getting|got) (?:any )?supervision(?: for .{1,40})?$/, /^(?:my )?supervision (?:keeps being|has been|was) (?:cancelled|postponed|missed)$/],
  },
];

/** Politeness and framing around a request, which changes nothing about what is asked. */
const AROUND = /^(?:(?:please|hi|hello|hey|ok|okay|so|um|er)\s+)*(?:(?:can|could|would|will) you\s+(?:please\s+)?(?:show|tell|give|list|let)\s+(?:me\s+)?|(?:show|tell|give)\s+me\s+|i (?:want|d like|would like|need) to (?:see|know)\s+|let me see\s+)?(.*?)(?:\s+(?:please|thanks|thank you|again|now))*$/;

export function stripAround(said: string): string {
  return AROUND.exec(said)?.[1]?.trim() ?? said;
}

/** The command an everyday phrasing asks for, if the table knows it. */
export function intentOf(input: string): string | undefined {
  const said = normalise(input);
  if (!said || said.length > 120) return undefined;
  const core = stripAround(said);
  for (const intent of intents) if (intent.patterns.some((p) => p.test(core) || p.test(said))) return intent.command;
  return undefined;
}

/** The command for an everyday phrasing, among those the bot has. */
export function findIntentCommand(commands: readonly Command[], input: string): Command | undefined {
  const name = intentOf(input);
  return name === undefined ? undefined : commands.find((c) => c.name === name);
}
