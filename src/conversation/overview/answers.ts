/**
 * The everyday questions, answered in chat on their own (issue 15 item 4): "when is my next
 * supervision", "my sessions", "my team", "my actions". Each answer is whole — what, when, with
 * whom, what to do next — and points to the "My supervision" tab for the rest.
 */
import { AppError } from '../../domain/errors.js';
import { dayInWords } from '../../domain/words/dates.js';
import { nextSessionOf, recordsWaitingOn, supervisionOverview, type OverviewDeps, type OverviewReads, type Relationship, type SupervisionOverview } from '../../usecases/overview/relationships.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';
import { agreedPattern, count, meetingLink, recordStatusFor, sessionWhen } from './words.js';

/** Where the whole picture is: the personal tab (issue 13), as a link when the deployment knows it. */
export function tabPointer(ctx: ConversationContext, what = 'all of this'): string {
  const link = ctx.tabLink;
  return link ? `[Open **My supervision** in Teams](${link}) for ${what}.` : `The **My supervision** tab in Teams shows ${what}.`;
}

function overviewDeps(ctx: ConversationContext): OverviewDeps {
  const records = ctx.records;
  if (!records) throw new AppError('unavailable', 'Your sessions are not available in this deployment yet.');
  return { agreements: records.agreements, records: records.records, directory: ctx.directory, now: records.now };
}

/** The overview with only what the answer shows read (each is a read per person supervised). */
async function overviewFor(ctx: ConversationContext, speaker: Speaker, reads: OverviewReads): Promise<SupervisionOverview> {
  if (!speaker.personId) throw new AppError('forbidden', 'I cannot tell who you are from this chat, so I cannot show your supervision.');
  return supervisionOverview(overviewDeps(ctx), speaker.personId, reads);
}

function noAgreementLine(isManager: boolean): string {
  return isManager
    ? 'You have no supervision agreement with anyone yet. Type "new agreement" to draft one with someone you supervise.'
    : 'You have no supervision agreement yet. Your supervisor drafts it and I will send it to you here to sign.';
}

async function isManager(ctx: ConversationContext, personId: string | undefined): Promise<boolean> {
  return personId ? (await ctx.directory.getDirectReports(personId)).length > 0 : false;
}

function rebookLine(r: Relationship): string | undefined {
  const first = r.awaitingRebooking[0];
  if (!first) return undefined;
  const who = r.party === 'supervisor' ? 'you' : r.other.name;
  const more = r.awaitingRebooking.length > 1 ? ` (and ${count(r.awaitingRebooking.length - 1, 'other')})` : '';
  return `The session of ${dayInWords(first.date)}${more} was postponed and is waiting for ${who} to rebook it.`;
}

// ── "when is my next supervision" ───────────────────────────────────────────────────────────

export async function nextSupervision(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const o = await overviewFor(ctx, speaker, { sessions: true, actions: false, agenda: true });
  const lines: string[] = [];
  const mine = nextSessionOf(o.asSupervisee);
  if (mine) {
    const { relationship: r, view } = mine;
    const agenda = view.agendaItems > 0 ? `${count(view.agendaItems, 'item is', 'items are')} on its agenda: type "agenda" to see them, or "add to agenda …" to add one.` : 'Nothing is on its agenda yet: type "add to agenda …" to add something.';
    lines.push(`Your next supervision with ${r.other.name} is on **${sessionWhen(view.session)}** (${r.agreement.terms.format.kind === 'teams' ? 'Teams meeting' : `in person at ${r.agreement.terms.format.location}`})${meetingLink(view.session)}.`, agenda);
  } else if (o.asSupervisee.length > 0) {
    lines.push(`You have no supervision session booked ahead with ${o.asSupervisee[0]?.other.name ?? 'your supervisor'}.`);
  }
  for (const r of o.asSupervisee) {
    const rebook = rebookLine(r);
    if (rebook) lines.push(rebook);
  }
  const supervising = o.asSupervisor
    .map((r) => ({ r, next: r.upcoming[0] }))
    .filter((x) => x.next !== undefined)
    .sort((a, b) => ((a.next?.session.startUtc ?? '') < (b.next?.session.startUtc ?? '') ? -1 : 1));
  if (supervising.length > 0) {
    lines.push(`You next supervise:\n${supervising.slice(0, 5).map(({ r, next }) => `- ${r.other.name}: ${next ? sessionWhen(next.session) : ''}`).join('\n')}${supervising.length > 5 ? `\n- and ${count(supervising.length - 5, 'other')}: type "my team"` : ''}`);
  }
  if (lines.length === 0) lines.push(noAgreementLine(await isManager(ctx, speaker.personId)));
  lines.push(tabPointer(ctx, 'every session of the year'));
  return [text(lines.join('\n\n'))];
}

// ── "my sessions" ──────────────────────────────────────────────────────────────────────────

function sessionsOf(r: Relationship, viewer: 'supervisor' | 'supervisee'): string {
  const heading = viewer === 'supervisee' ? `**Your supervision with ${r.other.name}** (${agreedPattern(r)})` : `**Supervising ${r.other.name}** (${agreedPattern(r)})`;
  const coming = r.upcoming.slice(0, 3).map((v) => `- ${sessionWhen(v.session)}${meetingLink(v.session)}`);
  const held = r.past.slice(0, 3).map((v) => {
    if (v.session.status === 'postponed' || v.session.status === 'cancelled') return `- ${dayInWords(v.session.date)}: ${v.session.status === 'postponed' ? 'postponed' : 'cancelled'}`;
    return `- ${dayInWords(v.session.date)}: ${v.record ? recordStatusFor(v.record, viewer, 'inline') : viewer === 'supervisor' ? 'no record yet (type "write record")' : 'no record yet'}`;
  });
  const parts = [heading];
  parts.push(coming.length > 0 ? `Coming up (${count(r.upcoming.length, 'session')} booked):\n${coming.join('\n')}` : 'No sessions booked ahead.');
  if (held.length > 0) parts.push(`Most recent:\n${held.join('\n')}`);
  const rebook = rebookLine(r);
  if (rebook) parts.push(rebook);
  return parts.join('\n\n');
}

export async function mySessions(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const o = await overviewFor(ctx, speaker, { sessions: true, actions: false, agenda: false });
  const parts = o.asSupervisee.map((r) => sessionsOf(r, 'supervisee'));
  if (o.asSupervisor.length > 0) {
    const next = nextSessionOf(o.asSupervisor);
    parts.push(`You supervise ${count(o.asSupervisor.length, 'person', 'people')}${next ? `; the next is ${next.relationship.other.name} on ${sessionWhen(next.view.session)}` : ''}. Type "my team" for each of them.`);
  }
  if (parts.length === 0) parts.push(noAgreementLine(await isManager(ctx, speaker.personId)));
  parts.push(tabPointer(ctx, 'every session of the year and its record'));
  return [text(parts.join('\n\n'))];
}

// ── "my team" ──────────────────────────────────────────────────────────────────────────────

/** One person of "my team" (exported for its test). */
export function teamLine(r: Relationship): string {
  const next = r.upcoming[0];
  const held = r.past.find((v) => v.session.status !== 'postponed' && v.session.status !== 'cancelled');
  const facts = [
    next ? `next ${sessionWhen(next.session)}` : 'nothing booked ahead',
    held ? `last held ${dayInWords(held.session.date)}${held.record ? ` (${recordStatusFor(held.record, 'supervisor', 'inline')})` : ' (no record yet)'}` : undefined,
    r.awaitingRebooking.length > 0 ? `**${count(r.awaitingRebooking.length, 'session')} to rebook**` : undefined,
    r.overdueActions.length > 0 ? `**${count(r.overdueActions.length, 'overdue action')}**` : undefined,
  ].filter((f): f is string => f !== undefined);
  return `- **${r.other.name}**: ${facts.join('; ')}`;
}

export async function myTeam(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const o = await overviewFor(ctx, speaker, { sessions: true, actions: true, agenda: false });
  const reports = speaker.personId ? await ctx.directory.getDirectReports(speaker.personId) : [];
  if (o.asSupervisor.length === 0 && reports.length === 0) {
    return [text('The directory shows nobody reporting to you, so you have no team to supervise here. Type "my sessions" for your own supervision.')];
  }
  const covered = new Set(o.asSupervisor.map((r) => r.other.id));
  const without = reports.filter((p) => !covered.has(p.id));
  const lines = [`**Your team: ${count(o.asSupervisor.length + without.length, 'person', 'people')}**`, ...o.asSupervisor.map(teamLine)];
  for (const p of without) lines.push(`- **${p.displayName}**: no supervision agreement yet (type "new agreement")`);
  const toWrite = o.asSupervisor.reduce((n, r) => n + recordsWaitingOn(r).length, 0);
  const after = [toWrite > 0 ? `${count(toWrite, 'record waits', 'records wait')} for you to write or amend: type "write record".` : undefined, 'Type "team compliance" for how each person\'s supervision kept to the policy.', tabPointer(ctx, 'each person\'s year')].filter((l): l is string => l !== undefined);
  return [text([lines.join('\n'), ...after].join('\n\n'))];
}

// ── "my actions" ───────────────────────────────────────────────────────────────────────────

export async function myActions(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  const o = await overviewFor(ctx, speaker, { sessions: false, actions: true, agenda: false });
  const me = o.personId;
  const mine = [...o.asSupervisee, ...o.asSupervisor].flatMap((r) => r.openActions.filter((a) => a.ownerId === me).map((a) => ({ a, r })));
  mine.sort((x, y) => (x.a.due < y.a.due ? -1 : x.a.due > y.a.due ? 1 : 0));
  const parts: string[] = [];
  if (mine.length === 0) parts.push('You have no open actions from your supervision records.');
  else {
    parts.push(`**Your open actions (${mine.length})**\n${mine.map(({ a, r }) => `- ${a.due < o.today ? '**Overdue**: ' : ''}${a.text} (due ${dayInWords(a.due)}; agreed with ${r.other.name})`).join('\n')}`);
  }
  const theirs = o.asSupervisor.flatMap((r) => r.overdueActions.filter((a) => a.ownerId !== me).map((a) => ({ a, r })));
  if (theirs.length > 0) {
    parts.push(`**Overdue actions in your team (${theirs.length})**\n${theirs.map(({ a, r }) => `- ${r.other.name}: ${a.text} (was due ${dayInWords(a.due)})`).join('\n')}`);
  }
  parts.push('Open actions come back on the next agenda, where you can mark them done or add an update.');
  parts.push(tabPointer(ctx, 'every action and its history'));
  return [text(parts.join('\n\n'))];
}
