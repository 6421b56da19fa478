import { agreementCard } from '../../cards/agreement-card.js';
import { bookingConfirmationCard } from '../../cards/booking-confirmation-card.js';
import { describeStatus, partyOf, termsHash, type Party } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { PlannedMilestone } from '../../domain/milestones/types.js';
import type { Directory } from '../../domain/people/person.js';
import { agreedFrequencyText, type PolicyPack } from '../../policy/schema.js';
import { sessionLengthCheck } from '../../policy/session-length.js';
import { citationForPeople } from '../../policy/why.js';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { londonTime, longDate, monthYear, shortDate, weekdayName } from './format.js';

export interface Notice {
  readonly text: string;
  readonly style?: 'good' | 'attention' | 'warning' | 'emphasis' | undefined;
}

async function names(directory: Directory, ids: readonly string[]): Promise<string[]> {
  const people = await Promise.all(ids.map((id) => directory.getPerson(id)));
  return people.map((p, i) => p?.displayName ?? `someone no longer in the directory (${ids[i]?.slice(0, 8) ?? ''}…)`);
}

export function partyNames(agreement: Agreement): { supervisorName: string; superviseeName: string } {
  return agreement.parties ?? { supervisorName: 'the supervisor', superviseeName: 'the supervisee' };
}

/**
 * "Tue 12 Jan 2027, 10:00–11:30 · [Join the Teams meeting](…)". Links only where the booking made
 * one; a Teams meeting Outlook made without its link says so.
 */
export function sessionLine(session: PlannedSession): string {
  const end = addMinutes(session.start, session.minutes);
  const outlook = session.webLink ? ` · [Open in Outlook](${session.webLink})` : '';
  const link = session.joinUrl ? ` · [Join the Teams meeting](${session.joinUrl})` : session.teamsLinkMissing ? ` · **No Teams link**${outlook}` : outlook;
  return `**${monthYear(session.date)}**: ${shortDate(session.date)}, ${session.start}–${end}${link}`;
}

/**
 * A review or milestone of the year on the booking confirmation (issue 14 item 1): the date in
 * full, its time, what it is in the policy's words (its label), who attends (both of them: the
 * supervisor organises, the supervisee is invited, milestoneEvent) and its link.
 */
export function milestoneLine(m: PlannedMilestone, otherName: string): string {
  const end = addMinutes(m.start, m.minutes);
  const where = m.joinUrl ? ` · [Join the Teams meeting](${m.joinUrl})` : m.format.kind === 'in-person' ? ` · in person, ${m.format.location}` : m.webLink ? ` · [Open in Outlook](${m.webLink})` : '';
  return `${longDate(m.date)}, ${m.start}–${end}: **${m.label}**, you and ${otherName}${where}`;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The facts both parties read and sign (Sefton App 1 / ¶8.1 (L245–252) order where it has one). */
export async function termFacts(agreement: Agreement, pack: PolicyPack, directory: Directory): Promise<{ title: string; value: string }[]> {
  const t = agreement.terms;
  const { supervisorName, superviseeName } = partyNames(agreement);
  const role = pack.roles.find((r) => r.id === t.roleId);
  const phase = role?.phases.find((p) => p.id === t.phaseId);
  const [others, senior] = await Promise.all([names(directory, t.othersWhoMaySee), names(directory, t.seniorManagerId ? [t.seniorManagerId] : [])]);
  return [
    { title: 'Supervisee', value: superviseeName },
    { title: 'Supervisor', value: supervisorName },
    { title: 'Policy', value: `${pack.title}` },
    { title: 'Role', value: role?.label ?? t.roleId },
    ...(phase ? [{ title: 'Frequency', value: phase.label }] : []),
    ...(t.agreedFrequency ? [{ title: 'Agreed frequency', value: agreedFrequencyText(t.agreedFrequency) }] : []),
    { title: 'Employment started', value: longDate(t.employmentStart) },
    { title: 'Sessions start from', value: longDate(t.agreementDate) },
    { title: 'When', value: `${weekdayName(t.weekday)}s at ${t.time}, ${t.minutes} minutes` },
    { title: 'Format', value: t.format.kind === 'teams' ? 'Teams meeting' : `In person: ${t.format.location}` },
    { title: 'Others who may see the records', value: others.length > 0 ? others.join(', ') : 'Nobody else' },
    { title: 'Senior manager for disagreements', value: senior[0] ?? 'Not named' },
    { title: 'Review date', value: longDate(t.reviewDate) },
    { title: 'Version', value: String(agreement.revision ?? 1) },
  ];
}

function statusLine(agreement: Agreement, viewer: Party | undefined): string {
  const { supervisorName, superviseeName } = partyNames(agreement);
  switch (agreement.status) {
    case 'awaiting-supervisee':
      return viewer === 'supervisee' ? `${supervisorName} asks you to read and sign this agreement, or ask for changes.` : `Waiting for ${superviseeName} to sign or ask for changes.`;
    case 'changes-requested':
      return viewer === 'supervisor' ? `${superviseeName} asked for changes. Edit the agreement and send it again.` : `Back with ${supervisorName} for the changes you asked for.`;
    case 'awaiting-supervisor':
      return viewer === 'supervisor' ? `${superviseeName} has signed. Your signature completes the agreement.` : `You have signed. Waiting for ${supervisorName} to sign.`;
    case 'signed':
      return 'Signed by both. The year of sessions is being booked into both calendars.';
    case 'booked':
      return 'Signed by both, and the sessions are in both calendars.';
    default:
      return `This agreement is ${describeStatus(agreement.status)}.`;
  }
}

/** What both people should know before they sign: a *should* of the policy the terms depart from (issue 14 f). */
export function termWarnings(agreement: Agreement, pack: PolicyPack): { text: string; why?: { quote: string; label: string } }[] {
  if (!pack.roles.some((r) => r.id === agreement.terms.roleId)) return [];
  const check = sessionLengthCheck(pack, agreement.terms.roleId, agreement.terms.minutes);
  if (!check.warning) return [];
  const where = check.why?.label ?? citationForPeople(pack, check.rule);
  return [{ text: `Sessions of ${agreement.terms.minutes} minutes are shorter than the ${check.minimum ?? ''} minutes your policy says they should be (${where}).`, ...(check.why ? { why: check.why } : {}) }];
}

export async function agreementView(
  agreement: Agreement,
  viewerId: string,
  deps: { pack: PolicyPack; directory: Directory },
  options: { sessions?: readonly PlannedSession[]; notice?: Notice } = {},
): Promise<AdaptiveCardJson> {
  const viewer = partyOf(agreement, viewerId);
  const { supervisorName, superviseeName } = partyNames(agreement);
  const hash = termsHash(agreement);
  const nameOf = (id: string) => (id === agreement.terms.supervisorId ? supervisorName : id === agreement.terms.superviseeId ? superviseeName : 'someone else');
  const signatures = (['supervisee', 'supervisor'] as const).flatMap((party) => {
    const s = agreement.signatures[party];
    // Name, role and time as people read a signature; the signer's id and the hash stay in the stored agreement.
    if (!s) return [];
    const who = s.signerId === viewerId ? `**Signed by you** (${s.signerName}, ${party})` : `**Signed by ${s.signerName}** (${party})`;
    return [{ line: `${who} on ${londonTime(s.signedAt)}` }];
  });
  const canSign = (viewer === 'supervisee' && agreement.status === 'awaiting-supervisee') || (viewer === 'supervisor' && agreement.status === 'awaiting-supervisor');
  const canEdit = viewer === 'supervisor' && ['awaiting-supervisee', 'changes-requested', 'awaiting-supervisor'].includes(agreement.status);
  return agreementCard({
    agreementId: agreement.id,
    title: viewer === 'supervisee' ? `Your supervision agreement with ${supervisorName}` : `Supervision agreement with ${superviseeName}`,
    statusText: statusLine(agreement, viewer),
    notice: options.notice?.text ?? '',
    noticeStyle: options.notice?.style ?? 'emphasis',
    facts: await termFacts(agreement, deps.pack, deps.directory),
    warnings: termWarnings(agreement, deps.pack),
    keyTasks: agreement.terms.keyTasks.trim() || 'None listed.',
    comments: agreement.comments.map((c) => ({ who: nameOf(c.authorId), at: londonTime(c.at), text: c.text })),
    sessions: (options.sessions ?? []).map((s) => ({ line: sessionLine(s) })),
    signatures,
    hash,
    hashShort: `${hash.slice(0, 16)}…`,
    supervisorName,
    canSign,
    signTitle: viewer === 'supervisor' ? 'Sign and book the year' : 'I agree and sign',
    canRequestChanges: viewer === 'supervisee' && agreement.status === 'awaiting-supervisee',
    canEdit,
    canResend: viewer === 'supervisor' && agreement.status === 'awaiting-supervisee' && agreement.superviseeNotified === 'unreachable',
  });
}

/**
 * Outlook made Teams meetings without their link (the supervisor's calendar offers no online
 * meeting provider): the supervisor is told what to do, the supervisee that it is in hand.
 */
function noTeamsLink(count: number, supervisor: boolean, supervisorName: string): string {
  const meetings = count === 1 ? '1 meeting has' : `${count} meetings have`;
  return supervisor
    ? `${meetings} no Teams link: Outlook could not add one, because your calendar cannot host Teams meetings. Add a Teams link to each in Outlook, or ask IT to turn on Teams meetings for your mailbox.`
    : `${meetings} no Teams link yet. ${supervisorName} has been asked to add one in Outlook.`;
}

/**
 * `offWeekday`: why a session is not on the agreed weekday, by session id (explainOffWeekdays,
 * issue 15 item 5), said under that session's line.
 */
export function bookingConfirmation(
  agreement: Agreement,
  sessions: readonly PlannedSession[],
  viewerId: string,
  offWeekday: ReadonlyMap<string, string> = new Map(),
  milestones: readonly PlannedMilestone[] = [],
): AdaptiveCardJson {
  const { supervisorName, superviseeName } = partyNames(agreement);
  const other = partyOf(agreement, viewerId) === 'supervisor' ? superviseeName : supervisorName;
  const t = agreement.terms;
  const online = sessions.filter((s) => s.joinUrl).length;
  const withoutLink = sessions.filter((s) => s.teamsLinkMissing).length;
  const supervisor = partyOf(agreement, viewerId) === 'supervisor';
  const booked = milestones.filter((m) => m.status !== 'cancelled').sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0));
  return bookingConfirmationCard({
    agreementId: agreement.id,
    title: 'Your year of supervision is booked',
    intro: `${sessions.length} sessions with ${other}${booked.length > 0 ? `, and ${booked.length === 1 ? 'one review' : `${booked.length} reviews and milestones`} of the year,` : ''} are in both your Outlook calendars${t.format.kind === 'teams' ? ' as Teams meetings' : ''}.`,
    facts: [
      { title: 'When', value: `${weekdayName(t.weekday)}s at ${t.time}, ${t.minutes} minutes` },
      { title: 'Review date', value: longDate(t.reviewDate) },
    ],
    sessions: sessions.map((s) => ({ line: offWeekday.has(s.sessionId) ? `${sessionLine(s)} · _${capitalised(offWeekday.get(s.sessionId) ?? '')}_` : sessionLine(s) })),
    milestones: booked.map((m) => ({ line: milestoneLine(m, other) })),
    footer: withoutLink > 0 ? noTeamsLink(withoutLink, supervisor, supervisorName) : t.format.kind === 'teams' && online < sessions.length ? 'Some meetings have no Teams link yet; open them in Outlook.' : '',
  });
}
