import { describe, expect, it } from 'vitest';
import { commands } from '../../src/conversation/commands.js';
import { intentOf } from '../../src/conversation/intents.js';
import { findCommand, findPrefixCommand } from '../../src/conversation/understand.js';

/**
 * Issue 15 item 4: everyday phrasings, as people type them, each mapped to the command that
 * answers it. findCommand is what handleMessage uses, so this is what the bot does.
 */
const phrasings: readonly [string, string][] = [
  // when is my next supervision
  ['when is my next supervision', 'next-supervision'],
  ['When is my next supervision?', 'next-supervision'],
  ["when's my next supervision", 'next-supervision'],
  ['When’s my next supervision session?', 'next-supervision'],
  ['next supervision', 'next-supervision'],
  ['my next supervision', 'next-supervision'],
  ['when is my next session', 'next-supervision'],
  ['what time is my next supervision', 'next-supervision'],
  ['when is my supervision with Olivia', 'next-supervision'],
  ['when do I next see my supervisor', 'next-supervision'],
  ['when am I next supervised', 'next-supervision'],
  ['is my next supervision booked?', 'next-supervision'],
  ['can you tell me when my next supervision is', 'next-supervision'],
  ['upcoming supervision', 'next-supervision'],
  ['please, when is my next 1:1?', 'next-supervision'],
  // my sessions
  ['my sessions', 'my-sessions'],
  ['My supervision sessions', 'my-sessions'],
  ['show my sessions', 'my-sessions'],
  ['show me all my supervision sessions please', 'my-sessions'],
  ['sessions', 'my-sessions'],
  ['upcoming sessions', 'my-sessions'],
  ['my supervision dates', 'my-sessions'],
  ['when are my sessions?', 'my-sessions'],
  ['what sessions do I have booked', 'my-sessions'],
  // my team
  ['my team', 'my-team'],
  ['My team.', 'my-team'],
  ['show my team', 'my-team'],
  ['my supervisees', 'my-team'],
  ['who do I supervise?', 'my-team'],
  ['people I supervise', 'my-team'],
  ['my staff', 'my-team'],
  ['how is my team getting on', 'my-team'],
  // team compliance
  ['team compliance', 'team-compliance'],
  ['Team compliance please', 'team-compliance'],
  ['compliance', 'team-compliance'],
  ['my team\'s compliance', 'team-compliance'],
  ['supervision report', 'team-compliance'],
  ['compliance report', 'team-compliance'],
  ['how is my team doing?', 'team-compliance'],
  ['is my team up to date with supervision', 'team-compliance'],
  ['who is overdue?', 'team-compliance'],
  ['overdue supervisions', 'team-compliance'],
  // my actions
  ['my actions', 'my-actions'],
  ['My actions?', 'my-actions'],
  ['actions', 'my-actions'],
  ['open actions', 'my-actions'],
  ['my overdue actions', 'my-actions'],
  ['show me my action points', 'my-actions'],
  ['what do I need to do', 'my-actions'],
  ['my to do list', 'my-actions'],
  // what needs my attention
  ['what needs my attention', 'attention'],
  ['escalations', 'attention'],
  ['my escalations', 'attention'],
  ['any escalations?', 'attention'],
  ['anything for me?', 'attention'],
  // the older commands, asked the everyday way
  ["what's on my agenda", 'agenda'],
  ['show me the agenda for my next supervision', 'agenda'],
  ['my supervision records', 'my-records'],
  ['anything to sign?', 'my-records'],
  ['what can I do', 'help'],
  ["I haven't had supervision for months", 'not-getting-supervision'],
];

describe('everyday phrasings (issue 15 item 4)', () => {
  it('the table has at least 40 phrasings', () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(40);
  });

  it.each(phrasings)('"%s" asks for %s', (phrase, command) => {
    expect(findCommand(commands, phrase)?.name).toBe(command);
  });

  it('every command an intent names exists', () => {
    for (const [, command] of phrasings) expect(commands.some((c) => c.name === command)).toBe(true);
  });

  it.each([
    'My caseload has grown since the restructure',
    'add to agenda my team',
    'add to agenda when is my next supervision',
    'team meeting moved to Thursday',
    'remove 2',
    'the actions from the court hearing need discussing',
  ])('"%s" is no question: not taken for one', (sentence) => {
    const found = findCommand(commands, sentence);
    expect(found === undefined || findPrefixCommand(commands, sentence) !== undefined).toBe(true);
    expect(intentOf(sentence)).toBeUndefined();
  });

  it('a long paragraph is never matched against the table', () => {
    expect(intentOf(`my team ${'x '.repeat(200)}`)).toBeUndefined();
  });
});
