import { helpCard } from '../cards/help-card.js';
import { welcomeCard } from '../cards/welcome-card.js';
import type { ConversationContext } from './context.js';
import { identify, type KnownSpeaker } from './identify.js';
import { card, text, type Reply, type Speaker } from './reply.js';

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  /** Normalised phrases that invoke the command. */
  readonly phrases: readonly string[];
  run(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]>;
}

const roleNames = { supervisee: 'supervisee', supervisor: 'supervisor', 'senior-manager': 'senior manager' } as const;

function profileFacts(known: KnownSpeaker): { title: string; value: string }[] {
  const facts: { title: string; value: string }[] = [];
  if (known.person?.jobTitle) facts.push({ title: 'Job title', value: known.person.jobTitle });
  if (known.person?.department) facts.push({ title: 'Team', value: known.person.department });
  facts.push({ title: 'You are here as', value: roleNames[known.role] });
  if (known.manager) facts.push({ title: 'Your line manager', value: known.manager.displayName });
  if (known.reportCount > 0) facts.push({ title: 'People you supervise', value: String(known.reportCount) });
  return facts;
}

export async function welcome(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const known = await identify(ctx, speaker);
  const givenName = known.person?.givenName ?? known.person?.displayName ?? speaker.displayName ?? 'there';
  const facts = profileFacts(known);
  if (!known.person) facts.unshift({ title: 'Directory', value: 'I could not find you in the directory yet, so I am treating you as a supervisee.' });
  return [card(welcomeCard({ givenName, councilName: ctx.councilName, role: known.role, facts }), `Welcome to Supervision Assistant, ${givenName}`)];
}

export const commands: readonly Command[] = [
  {
    name: 'help',
    usage: 'help',
    description: 'Shows this list.',
    phrases: ['help', '?', 'what can you do', 'menu', 'commands'],
    async run() {
      return [card(helpCard(commands.map((c) => ({ usage: c.usage, description: c.description }))), 'What I can do')];
    },
  },
  {
    name: 'whoami',
    usage: 'who am I',
    description: 'Shows what the directory says about you: your role here, your team and your line manager.',
    phrases: ['who am i', 'whoami', 'my profile', 'me'],
    async run(ctx, speaker) {
      const known = await identify(ctx, speaker);
      const lines = profileFacts(known).map((f) => `${f.title}: ${f.value}`);
      if (!known.person) lines.unshift('I could not find you in the directory.');
      return [text(lines.join('\n\n'))];
    },
  },
  {
    name: 'welcome',
    usage: 'hello',
    description: 'Shows the welcome card again.',
    phrases: ['hello', 'hi', 'hey', 'start', 'welcome', 'good morning', 'good afternoon'],
    run: welcome,
  },
];
