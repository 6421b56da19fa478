import { agreementCard } from '../../cards/agreement-card.js';
import { bookingConfirmationCard } from '../../cards/booking-confirmation-card.js';
import { describeStatus, partyOf, termsHash, type Party } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import type { Directory } from '../../domain/people/person.js';
import type { PolicyPack } from '../../policy/schema.js';
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

/** "Tue 12 Jan 2027, 10:00–11:30 · [Join the Teams meeting](…)". Links only where the booking made one. */
export function sessionLine(session: PlannedSession): string {
  const end = addMinutes(session.start, session.minutes);
  const link = session.joinUrl ? ` · [Join the Teams meeting](${session.joinUrl})` : session.webLink ? ` · [Open in Outlook](${session.webLink})` : '';
  return `**${monthYear(session.date)}**: ${shortDate(session.date)}, ${session.start}–${end}${link}`;
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
    return s ? [{ line: `**Signed by ${s.signerName} (${party})** on ${londonTime(s.signedAt)} · Entra object id ${s.signerId} · SHA-256 of the terms ${s.hash}` }] : [];
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

export function bookingConfirmation(agreement: Agreement, sessions: readonly PlannedSession[], viewerId: string): AdaptiveCardJson {
  const { supervisorName, superviseeName } = partyNames(agreement);
  const other = partyOf(agreement, viewerId) === 'supervisor' ? superviseeName : supervisorName;
  const t = agreement.terms;
  const online = sessions.filter((s) => s.joinUrl).length;
  return bookingConfirmationCard({
    agreementId: agreement.id,
    title: 'Your year of supervision is booked',
    intro: `${sessions.length} sessions with ${other} are in both your Outlook calendars${t.format.kind === 'teams' ? ' as Teams meetings' : ''}.`,
    facts: [
      { title: 'When', value: `${weekdayName(t.weekday)}s at ${t.time}, ${t.minutes} minutes` },
      { title: 'Review date', value: longDate(t.reviewDate) },
    ],
    sessions: sessions.map((s) => ({ line: sessionLine(s) })),
    footer: t.format.kind === 'teams' && online < sessions.length ? 'Some meetings have no Teams link yet; open them in Outlook.' : '',
  });
}
