import { caseReferenceRule } from '../../domain/agenda/agenda.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { latestVersion, recordPartyOf } from '../../domain/records/lifecycle.js';
import type { SessionRecord, TrackedAction } from '../../domain/records/schema.js';
import { agendaView, upcomingSessions, type AgendaView as AgendaUseCaseView, type Upcoming } from '../agenda/agenda.js';
import { listMyRecords } from '../records/list-my-records.js';
import type { TabDeps } from './deps.js';
import { yearGlance } from './session-outcomes.js';
import type { ActionView, AgendaView, AgreementView, MySupervisionView, RecordSummaryView, SessionView } from './views.js';

/**
 * "My supervision" (issue 13 item 1), for everyone: the next sessions, the agenda of the next
 * session of their own supervision, open actions, records waiting for them and their filed
 * records, and their agreement with the year at a glance. Only what the person is party to.
 */
export async function mySupervision(deps: TabDeps, personId: string): Promise<MySupervisionView> {
  const upcoming = await upcomingSessions(deps.agenda, personId);
  const sessions = upcoming.map(sessionViewOf);
  const own = upcoming.find((u) => u.role === 'supervisee');
  const agenda = own ? agendaViewOf(await agendaView(deps.agenda, own), personId, deps.today()) : undefined;

  const agreements = await deps.agenda.agreements.agreementsOf(personId);
  const mine = agreements.find((a) => a.terms.superviseeId === personId && (a.status === 'booked' || a.status === 'signed')) ?? agreements.find((a) => a.terms.superviseeId === personId);
  const actions = mine ? (await deps.agenda.records.actions(mine.id)).filter((a) => a.status === 'open').sort(byDue).map((a) => actionViewOf(a, personId, deps.today())) : [];

  const records = await listMyRecords(deps.records, personId);
  const summaries = records.map(({ record }) => recordSummaryOf(record, personId)).filter((r): r is RecordSummaryView => r !== undefined);
  const waiting = summaries.filter((r) => r.waitingForMe);
  const filed = summaries.filter((r) => r.role === 'supervisee' && (r.status === 'final' || r.status === 'filed'));

  return { sessions, agenda, actions, waiting, filed, agreement: mine ? await agreementViewOf(deps, mine) : undefined };
}

const byDue = (a: TrackedAction, b: TrackedAction) => (a.due === b.due ? (a.actionId < b.actionId ? -1 : 1) : a.due < b.due ? -1 : 1);

export function sessionViewOf(u: Upcoming): SessionView {
  const format = u.agreement.terms.format;
  return {
    agreementId: u.agreement.id,
    sessionId: u.session.sessionId,
    role: u.role,
    withName: u.role === 'supervisee' ? u.supervisorName : u.superviseeName,
    date: u.session.date,
    startUtc: u.session.startUtc,
    endUtc: u.session.endUtc,
    minutes: u.session.minutes,
    joinUrl: u.session.joinUrl,
    place: format.kind === 'in-person' ? format.location : undefined,
  };
}

export function actionViewOf(a: TrackedAction, personId: string, today: string): ActionView {
  return {
    agreementId: a.agreementId,
    actionId: a.actionId,
    text: a.text,
    ownerName: a.ownerName,
    due: a.due,
    overdue: a.status === 'open' && a.due < today,
    notes: a.notes.map((n) => ({ at: n.at, text: n.text, mine: n.by === personId })),
  };
}

export function agendaViewOf(view: AgendaUseCaseView, personId: string, today: string): AgendaView {
  const { upcoming } = view;
  const rule = caseReferenceRule(upcoming.pack);
  return {
    agreementId: upcoming.agreement.id,
    sessionId: upcoming.session.sessionId,
    date: upcoming.session.date,
    role: upcoming.role,
    items: view.items.map(({ number, item }) => ({
      itemId: item.itemId,
      number,
      text: item.text,
      caseRef: item.caseRef,
      addedBy: item.addedByRole,
      removable: upcoming.role === 'supervisor' || item.addedById === personId,
    })),
    carried: view.carried.map((a) => actionViewOf(a, personId, today)),
    caseRefLabel: rule.system && !rule.label.includes(rule.system) ? `${rule.system} ${rule.label}` : rule.label,
    caseRefExample: rule.example,
  };
}

export function recordSummaryOf(record: SessionRecord, personId: string): RecordSummaryView | undefined {
  const role = recordPartyOf(record, personId);
  if (!role) return undefined;
  const latest = latestVersion(record);
  const waitingForMe = role === 'supervisee' && record.status === 'shared' && latest !== undefined && latest.superviseeSignature === undefined && latest.disagreement === undefined;
  return {
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    sessionDate: record.sessionDate,
    role,
    withName: role === 'supervisee' ? record.supervisor.name : record.supervisee.name,
    status: record.status,
    waitingForMe,
  };
}

async function agreementViewOf(deps: TabDeps, agreement: Agreement): Promise<AgreementView> {
  const { sessions, records } = await deps.agenda.agreements.year(agreement.id, ['sessions', 'records']);
  const t = agreement.terms;
  const pack = deps.agenda.packFor(t.policyId);
  return {
    agreementId: agreement.id,
    status: agreement.status,
    supervisorName: agreement.parties?.supervisorName ?? 'your supervisor',
    superviseeName: agreement.parties?.superviseeName ?? 'you',
    policyTitle: pack.title,
    agreementDate: t.agreementDate,
    reviewDate: t.reviewDate,
    weekday: t.weekday,
    time: t.time,
    minutes: t.minutes,
    format: t.format.kind === 'teams' ? 'Teams meeting' : `In person: ${t.format.location}`,
    year: yearGlance(sessions, records, deps.agenda.now()),
  };
}
