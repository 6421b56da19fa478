import { nextSession } from '../../domain/agenda/agenda.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { addDays, isoWeekday } from '../../domain/calendar/local-date.js';
import { AppError } from '../../domain/errors.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { TabDeps } from './deps.js';
import { agreementState, overdue, type AgreementState } from './obligations-now.js';
import { isAbove } from './people.js';
import { sessionOutcome } from './session-outcomes.js';
import type { MyTeamView, PersonDrillView, TeamMemberView } from './views.js';

/**
 * "My team" (issue 13 item 2), for supervisors: each supervisee with the next session, the last
 * one held, the latest record's status, overdue obligations and open escalations, and the year
 * view (people × weeks, by outcome). Statuses only: record content stays with the record's two
 * parties, and the supervisor reads it in "My supervision" or the chat.
 */
export async function myTeam(deps: TabDeps, personId: string): Promise<MyTeamView> {
  const [agreements, reports] = await Promise.all([deps.agenda.agreements.agreementsOf(personId), deps.agenda.directory.getDirectReports(personId)]);
  const mine = agreements.filter((a) => a.terms.supervisorId === personId);
  if (mine.length === 0 && reports.length === 0) {
    throw new AppError('forbidden', '"My team" is for supervisors: nobody has you as their supervisor in Supervision Assistant.');
  }
  const today = deps.today();
  const now = deps.agenda.now();
  const members: TeamMemberView[] = [];
  for (const agreement of mine) members.push(memberOf(await agreementState(deps, agreement, today), now));
  members.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const starts = mine.map((a) => a.terms.agreementDate).sort();
  const first = starts[0] ?? today;
  const weeksFrom = addDays(first, 1 - isoWeekday(first));
  return { members, weeksFrom, weeks: 53 };
}

function latestRecord(records: readonly SessionRecord[]): SessionRecord | undefined {
  return [...records].filter((r) => r.status !== 'not-held').sort((a, b) => (a.sessionDate < b.sessionDate ? 1 : a.sessionDate > b.sessionDate ? -1 : 0))[0];
}

function memberOf(state: AgreementState, now: string): TeamMemberView {
  const { agreement, sessions, records } = state;
  const bySession = new Map(records.map((r) => [r.sessionId, r]));
  const year = sessions.map((s) => ({ date: s.date, outcome: sessionOutcome(s, bySession.get(s.sessionId), now) }));
  const next = nextSession(agreement, sessions, now);
  const held = year.filter((c) => c.outcome === 'held').map((c) => c.date).sort();
  return {
    personId: agreement.terms.superviseeId,
    name: agreement.parties?.superviseeName ?? 'Supervisee',
    agreementId: agreement.id,
    nextSession: next ? { date: next.date, startUtc: next.startUtc } : undefined,
    lastHeld: held.at(-1),
    recordStatus: latestRecord(records)?.status,
    overdueObligations: overdue(state.obligations).length,
    openEscalations: state.openEscalations,
    year,
  };
}

/**
 * One person's year in statuses, for their supervisor or a manager above them in the chain (the
 * team view's drill-in). Anyone else is refused.
 */
export async function personDrill(deps: TabDeps, viewerId: string, personId: string): Promise<PersonDrillView> {
  const theirs = await deps.agenda.agreements.agreementsOf(personId, { includeEnded: true });
  const supervised = theirs.filter((a) => a.terms.superviseeId === personId);
  const allowed = supervised.some((a) => a.terms.supervisorId === viewerId) || (await isAbove(deps.agenda.directory, viewerId, personId));
  if (!allowed) throw new AppError('forbidden', 'Only this person\'s supervisor and the managers above them can see their supervision.');
  const person = await deps.agenda.directory.getPerson(personId);
  const now = deps.agenda.now();
  const rows: PersonDrillView['sessions'][number][] = [];
  for (const agreement of supervised) rows.push(...(await drillRows(deps, agreement, now)));
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { personId, name: person?.displayName ?? supervised[0]?.parties?.superviseeName ?? 'This person', sessions: rows };
}

async function drillRows(deps: TabDeps, agreement: Agreement, now: string): Promise<PersonDrillView['sessions'][number][]> {
  const { sessions, records } = await deps.agenda.agreements.year(agreement.id, ['sessions', 'records']);
  const bySession = new Map(records.map((r) => [r.sessionId, r]));
  return sessions.map((s) => ({ sessionId: s.sessionId, date: s.date, outcome: sessionOutcome(s, bySession.get(s.sessionId), now), recordStatus: bySession.get(s.sessionId)?.status }));
}
