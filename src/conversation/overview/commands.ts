import type { Command } from '../command.js';
import { myActions, mySessions, myTeam, nextSupervision } from './answers.js';
import { attention } from './attention.js';
import { teamCompliance } from './compliance.js';

/**
 * The everyday questions (issue 15 item 4). Each command's phrases are its exact forms; the
 * intent table (src/conversation/intents.ts) adds the everyday ways of asking.
 */
export const overviewCommands: readonly Command[] = [
  {
    name: 'next-supervision',
    usage: 'when is my next supervision',
    description: 'Your next supervision: when, with whom, the Teams link and what is on its agenda.',
    phrases: ['when is my next supervision', 'next supervision', 'my next supervision', 'next session', 'my next session'],
    run: nextSupervision,
  },
  {
    name: 'my-sessions',
    usage: 'my sessions',
    description: 'Your sessions coming up and the latest ones held, with where each record is.',
    phrases: ['my sessions', 'sessions', 'my supervision sessions', 'my supervision'],
    run: mySessions,
  },
  {
    name: 'my-team',
    usage: 'my team',
    description: 'Supervisors: each person you supervise, with their next session, the last one held and what is waiting.',
    phrases: ['my team', 'team', 'my supervisees'],
    run: myTeam,
  },
  {
    name: 'team-compliance',
    usage: 'team compliance',
    description: 'Supervisors and managers: how each person\'s supervision kept to the policy this year (held on time, late, lapsed, records late).',
    phrases: ['team compliance', 'compliance', 'supervision report', 'compliance report'],
    run: teamCompliance,
  },
  {
    name: 'my-actions',
    usage: 'my actions',
    description: 'The actions agreed in your supervision records that are still open, overdue first.',
    phrases: ['my actions', 'actions', 'open actions'],
    run: myActions,
  },
  {
    name: 'attention',
    usage: 'what needs my attention',
    description: 'Reminders and escalations waiting for you, with what to do about each.',
    phrases: ['what needs my attention', 'escalations', 'my escalations'],
    run: attention,
  },
];
