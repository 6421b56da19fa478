import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import { agendaView, SESSIONS_AND_ACTIONS, type Upcoming } from '../agenda/agenda.js';
import type { TabDeps } from './deps.js';
import { agendaViewOf } from './my-supervision.js';
import type { MeetingView } from './views.js';

/**
 * The meeting tab (issue 13 item 3): during the supervision meeting, both people see its agenda
 * and open actions in the side panel, and the supervisor can start the record. The tab is added
 * to the meeting for one agreement (its configuration names it); without one, the person's
 * session under way now, or their next. Only the session's two parties see it: the meeting's
 * other attendees, if any, get a refusal.
 */

/** An hour either side: people join early and overrun. */
const MARGIN_MS = 60 * 60_000;

function sessionNow(agreement: Agreement, sessions: readonly PlannedSession[], now: string): PlannedSession | undefined {
  if (agreement.status !== 'booked') return undefined;
  const t = Date.parse(now);
  const live = sessions.filter((s) => s.status === 'booked' || s.status === 'moved');
  const current = live.find((s) => Date.parse(s.startUtc) - MARGIN_MS <= t && t <= Date.parse(s.endUtc) + MARGIN_MS);
  return current ?? live.filter((s) => s.startUtc > now).sort((a, b) => (a.startUtc < b.startUtc ? -1 : 1))[0];
}

async function upcomingOf(deps: TabDeps, personId: string, agreement: Agreement): Promise<Upcoming | undefined> {
  const role = agreement.terms.superviseeId === personId ? 'supervisee' : agreement.terms.supervisorId === personId ? 'supervisor' : undefined;
  if (!role) return undefined;
  const { sessions, actions } = await deps.agenda.agreements.year(agreement.id, SESSIONS_AND_ACTIONS);
  const session = sessionNow(agreement, sessions, deps.agenda.now());
  if (!session) return undefined;
  const names = agreement.parties ?? { supervisorName: 'the supervisor', superviseeName: 'the supervisee' };
  return { agreement, session, role, pack: deps.agenda.packFor(agreement.terms.policyId), ...names, actions };
}

export async function meetingView(deps: TabDeps, personId: string, input: { agreementId?: string | undefined }): Promise<MeetingView> {
  let upcoming: Upcoming | undefined;
  if (input.agreementId) {
    const agreement = await deps.agenda.agreements.get(input.agreementId);
    if (!agreement || (agreement.terms.superviseeId !== personId && agreement.terms.supervisorId !== personId)) {
      throw new AppError('forbidden', 'This supervision is private to the supervisor and the supervisee; the meeting tab shows it to them only.');
    }
    upcoming = await upcomingOf(deps, personId, agreement);
  } else {
    const found = [];
    for (const a of await deps.agenda.agreements.agreementsOf(personId)) {
      const u = await upcomingOf(deps, personId, a);
      if (u) found.push(u);
    }
    upcoming = found.sort((a, b) => (a.session.startUtc < b.session.startUtc ? -1 : 1))[0];
  }
  if (!upcoming) throw new AppError('not_found', 'There is no supervision session booked for this meeting now.');
  const agenda = agendaViewOf(await agendaView(deps.agenda, upcoming), personId, deps.today());
  return {
    agreementId: upcoming.agreement.id,
    sessionId: upcoming.session.sessionId,
    date: upcoming.session.date,
    startUtc: upcoming.session.startUtc,
    role: upcoming.role,
    supervisorName: upcoming.supervisorName,
    superviseeName: upcoming.superviseeName,
    agenda,
    canStartRecord: upcoming.role === 'supervisor' && upcoming.session.startUtc <= deps.agenda.now(),
  };
}

/**
 * "Start the record" from the meeting tab: the record card goes to the supervisor's own chat with
 * the bot at once (never the meeting chat, which others may read), exactly once however often it
 * is pressed (the record card's own claim).
 */
export async function startRecordFromMeeting(deps: TabDeps, personId: string, input: { agreementId: string; sessionId: string }): Promise<{ outcome: 'sent' | 'already-sent' | 'unreachable' }> {
  const agreement = await deps.agenda.agreements.get(input.agreementId);
  if (!agreement || agreement.terms.supervisorId !== personId) throw new AppError('forbidden', 'Only the supervisor writes the record; the supervisee reads and signs it afterwards.');
  const session = await deps.agenda.agreements.session(input.agreementId, input.sessionId);
  if (!session || (session.status !== 'booked' && session.status !== 'moved' && session.status !== 'held')) throw new AppError('not_found', 'That session is not booked any more.');
  if (session.startUtc > deps.agenda.now()) throw new AppError('invalid_input', 'The record can be started once the meeting has begun.');
  const outcome = await deps.sendRecordCard(input.agreementId, input.sessionId);
  if (outcome === 'not-booked' || outcome === 'not-ended') throw new AppError('invalid_input', 'The record cannot be started for this session.');
  return { outcome };
}
