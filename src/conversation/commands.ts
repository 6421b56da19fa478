import { helpCard } from '../cards/help-card.js';
import { withAgreementActions, type WelcomeAgreementAction } from '../cards/agreement-welcome.js';
import { welcomeCard } from '../cards/welcome-card.js';
import { myAgreements, newAgreementForm, pendingAgreements } from './agreements/flow.js';
import { partyNames } from './agreements/present.js';
import type { ConversationContext } from './context.js';
import { identify, type KnownSpeaker } from './identify.js';
import { card, text, type Reply, type Speaker } from './reply.js';
import { endAgreementForm } from './sessions/end-agreement.js';
import { notGettingSupervision } from './sessions/not-getting-supervision.js';
import { agendaCommands } from './agenda/commands.js';
import { recordCommands } from './records/commands.js';
import { overviewCommands } from './overview/commands.js';
import type { Command } from './command.js';

export type { Command } from './command.js';

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
  const rendered = welcomeCard({ givenName, councilName: ctx.councilName, role: known.role, facts });
  const actions: WelcomeAgreementAction[] = [];
  let note: string | undefined;
  if (ctx.agreements && known.person) {
    if (known.reportCount > 0) actions.push({ title: 'New supervision agreement', verb: 'agreementNew' });
    const pending = await pendingAgreements(ctx, known.person.id);
    const first = pending[0];
    if (first) {
      const mine = first.terms.superviseeId === known.person.id;
      note = pending.length === 1
        ? mine ? `${partyNames(first).supervisorName} has sent you a supervision agreement to review and sign.` : `The supervision agreement with ${partyNames(first).superviseeName} needs you.`
        : `${pending.length} supervision agreements need you.`;
      actions.unshift({ title: pending.length === 1 ? 'Review the agreement' : 'Review my agreements', verb: 'agreementShow', ...(pending.length === 1 ? { data: { agreementId: first.id } } : {}) });
    }
  }
  return [card(withAgreementActions(rendered, actions, note), `Welcome to Supervision Assistant, ${givenName}`)];
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
    name: 'new-agreement',
    usage: 'new agreement',
    description: 'Supervisors: drafts a supervision agreement with someone you supervise, for them to sign; when both have signed, the year is booked.',
    phrases: ['new agreement', 'new supervision agreement', 'start agreement', 'create agreement', 'draft agreement', 'agreement new'],
    run: newAgreementForm,
  },
  {
    name: 'my-agreement',
    usage: 'my agreement',
    description: 'Shows your supervision agreement: what is waiting for you, the signatures and the dates of the year\'s sessions.',
    phrases: ['my agreement', 'my agreements', 'agreement', 'agreements', 'show agreement', 'show my agreement', 'supervision agreement'],
    run: myAgreements,
  },
  {
    name: 'end-agreement',
    usage: 'end agreement',
    description: 'Supervisors: ends an agreement (change of supervisor, review, or the end of supervision); future sessions are cancelled in both calendars and both of you are told.',
    phrases: ['end agreement', 'end an agreement', 'end supervision agreement', 'change supervisor', 'change of supervisor'],
    run: endAgreementForm,
  },
  {
    name: 'not-getting-supervision',
    usage: "I'm not getting supervision",
    description: 'Tells your supervisor, records it, and proposes a three-way meeting with their line manager at a time free for all three.',
    phrases: ['i m not getting supervision', 'im not getting supervision', 'i am not getting supervision', 'not getting supervision', 'no supervision', 'i am not being supervised'],
    run: notGettingSupervision,
  },
  ...overviewCommands,
  ...agendaCommands,
  ...recordCommands,
  {
    name: 'welcome',
    usage: 'hello',
    description: 'Shows the welcome card again.',
    phrases: ['hello', 'hi', 'hey', 'start', 'welcome', 'good morning', 'good afternoon'],
    run: welcome,
  },
];
