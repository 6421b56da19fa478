/**
 * Agenda use cases (issue 5 item 1): which session a person is preparing for, adding and
 * removing items, and what the agenda shows (items plus last session's open actions). Every
 * change is persisted before it is acknowledged, ETag-safe, and idempotent by item id.
 */
import { addItem, nextSession, numberedItems, removeItem, type NewItem } from '../../domain/agenda/agenda.js';
import type { AgendaItem, SessionAgenda } from '../../domain/agenda/schema.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import type { PolicyPack } from '../../policy/schema.js';
import { bookedAgreementsOf, getAgreement, updateAgenda, type AgendaDeps } from './deps.js';

export type Party = 'supervisee' | 'supervisor';

/** What the agenda reads of an agreement's year (here and in the meeting tab): not its records, which can be long. */
export const SESSIONS_AND_ACTIONS = ['sessions', 'actions'] as const;

export interface Upcoming {
  readonly agreement: Agreement;
  readonly session: PlannedSession;
  /** The person's part in this agreement. */
  readonly role: Party;
  readonly pack: PolicyPack;
  readonly superviseeName: string;
  readonly supervisorName: string;
  /**
   * The agreement's tracked actions, read in the same query as its sessions (one partition, see
   * agreement-year.ts): the agenda's carried actions and the preparation card's come from them
   * instead of a second read in the same turn.
   */
  readonly actions: readonly TrackedAction[];
}

function partyOf(agreement: Agreement, personId: string): Party | undefined {
  if (agreement.terms.superviseeId === personId) return 'supervisee';
  if (agreement.terms.supervisorId === personId) return 'supervisor';
  return undefined;
}

async function namesOf(deps: AgendaDeps, agreement: Agreement): Promise<{ superviseeName: string; supervisorName: string }> {
  if (agreement.parties) return agreement.parties;
  const [sv, sp] = await Promise.all([deps.directory.getPerson(agreement.terms.superviseeId), deps.directory.getPerson(agreement.terms.supervisorId)]);
  return { superviseeName: sv?.displayName ?? 'your supervisee', supervisorName: sp?.displayName ?? 'your supervisor' };
}

async function upcomingOf(deps: AgendaDeps, agreement: Agreement, personId: string, now: string): Promise<Upcoming | undefined> {
  const role = partyOf(agreement, personId);
  if (!role) return undefined;
  const { sessions, actions } = await deps.agreements.year(agreement.id, SESSIONS_AND_ACTIONS);
  const session = nextSession(agreement, sessions, now);
  if (!session) return undefined;
  return { agreement, session, role, pack: deps.packFor(agreement.terms.policyId), ...(await namesOf(deps, agreement)), actions };
}

/**
 * The person's next sessions: as a supervisee first (their own supervision), then the sessions
 * they chair as a supervisor, each in date order.
 */
export async function upcomingSessions(deps: AgendaDeps, personId: string): Promise<Upcoming[]> {
  const now = deps.now();
  const agreements = await bookedAgreementsOf(deps, personId);
  const found = (await Promise.all(agreements.map((a) => upcomingOf(deps, a, personId, now)))).filter((u): u is Upcoming => u !== undefined);
  const byDate = (a: Upcoming, b: Upcoming) => (a.session.startUtc < b.session.startUtc ? -1 : a.session.startUtc > b.session.startUtc ? 1 : 0);
  return [...found.filter((u) => u.role === 'supervisee').sort(byDate), ...found.filter((u) => u.role === 'supervisor').sort(byDate)];
}

/** The upcoming session of one agreement, for one of its two parties; anyone else is refused. */
export async function upcomingFor(deps: AgendaDeps, personId: string, agreementId: string, sessionId?: string): Promise<Upcoming> {
  const agreement = await getAgreement(deps, agreementId);
  const role = partyOf(agreement, personId);
  if (!role) throw new AppError('forbidden', 'Only the supervisor and the supervisee of this agreement can see or change its agenda.');
  const { sessions, actions } = await deps.agreements.year(agreement.id, SESSIONS_AND_ACTIONS);
  const session = sessionId ? sessions.find((s) => s.sessionId === sessionId) : nextSession(agreement, sessions, deps.now());
  if (!session) throw new AppError('not_found', 'There is no upcoming supervision session booked for this agreement.');
  if (sessionId && (session.status === 'held' || session.status === 'cancelled' || session.endUtc <= deps.now())) {
    throw new AppError('invalid_input', 'That session has already taken place or was cancelled; its agenda can no longer change.');
  }
  return { agreement, session, role, pack: deps.packFor(agreement.terms.policyId), ...(await namesOf(deps, agreement)), actions };
}

/** The supervisor's supervisee whose name matches `name` ("Sam", "Sam Worker"), among upcoming sessions. */
export function findBySuperviseeName(upcoming: readonly Upcoming[], name: string): Upcoming[] {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (wanted === '') return [];
  const mine = upcoming.filter((u) => u.role === 'supervisor');
  const exact = mine.filter((u) => u.superviseeName.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  return mine.filter((u) => u.superviseeName.toLowerCase().split(/\s+/).includes(wanted) || u.superviseeName.toLowerCase().startsWith(wanted));
}

export interface AddResult {
  readonly upcoming: Upcoming;
  readonly item: AgendaItem;
  readonly added: boolean;
  /** The item's number as the agenda shows it. */
  readonly number: number;
  /** The agenda as stored after this call (what a card shows next, without reading it again). */
  readonly agenda: SessionAgenda;
}

/** Adds an item to the upcoming session's agenda; the same itemId again adds nothing. */
export async function addAgendaItem(
  deps: AgendaDeps,
  personId: string,
  target: { agreementId: string; sessionId?: string | undefined },
  input: { itemId: string; kind: 'topic' | 'case'; text: string; caseRef?: string | undefined },
): Promise<AddResult> {
  const upcoming = await upcomingFor(deps, personId, target.agreementId, target.sessionId);
  const at = deps.now();
  const item: NewItem = { ...input, addedById: personId, addedByRole: upcoming.role, addedAt: at };
  const result = await updateAgenda(deps, upcoming.agreement.id, upcoming.session.sessionId, (current) => {
    const r = addItem(current, upcoming.pack, item);
    return { next: r.added ? r.agenda : undefined, result: r };
  });
  const number = numberedItems(result.agenda, upcoming.pack).find((n) => n.item.itemId === result.item.itemId)?.number ?? result.agenda.items.length;
  return { upcoming, item: result.item, added: result.added, number, agenda: result.agenda };
}

/** "remove 2": removes item 2 as the agenda numbers it. */
export async function removeAgendaItem(deps: AgendaDeps, personId: string, target: { agreementId: string; sessionId?: string | undefined }, number: number): Promise<{ upcoming: Upcoming; removed: AgendaItem }> {
  const upcoming = await upcomingFor(deps, personId, target.agreementId, target.sessionId);
  const removed = await updateAgenda(deps, upcoming.agreement.id, upcoming.session.sessionId, (current) => {
    const r = removeItem(current, upcoming.pack, number, { id: personId, role: upcoming.role }, deps.now());
    return { next: r.agenda, result: r.removed };
  });
  return { upcoming, removed };
}

export interface AgendaView {
  readonly upcoming: Upcoming;
  readonly agenda: SessionAgenda | undefined;
  readonly items: { number: number; item: AgendaItem }[];
  /** Open actions from earlier records of this agreement (issue 5 item 5): carried into this agenda. */
  readonly carried: TrackedAction[];
}

/** Open tracked actions of the agreement, oldest due first. */
export async function openActions(deps: Pick<AgendaDeps, 'records'>, agreementId: string, sessionId?: string): Promise<TrackedAction[]> {
  return openActionsOf(await deps.records.actions(agreementId), sessionId);
}

/** The same, of actions already read. */
export function openActionsOf(all: readonly TrackedAction[], sessionId?: string): TrackedAction[] {
  return all
    .filter((a) => a.status === 'open' && a.fromSessionId !== sessionId)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.actionId < b.actionId ? -1 : 1));
}

/**
 * What the agenda card shows. `known`: the agenda the caller has just stored this turn, so it is
 * not read again; the carried actions came with the session's lookup.
 */
export async function agendaView(deps: AgendaDeps, upcoming: Upcoming, known: { agenda?: SessionAgenda } = {}): Promise<AgendaView> {
  const found = known.agenda ?? (await deps.records.agenda(upcoming.agreement.id, upcoming.session.sessionId));
  const carried = openActionsOf(upcoming.actions, upcoming.session.sessionId);
  return { upcoming, agenda: found, items: found ? numberedItems(found, upcoming.pack) : [], carried };
}
