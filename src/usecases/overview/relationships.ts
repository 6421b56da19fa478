/**
 * "What is my supervision like right now?" (issue 15 item 4): for one person, each supervision
 * relationship they are in — as supervisee or supervisor — with its next session, the sessions
 * held and their records, postponed sessions still to rebook, and open actions. The chat answers
 * ("when is my next supervision", "my sessions", "my team", "my actions") and the welcome card
 * are all read from this one view, so they can never disagree.
 */
import { partyOf, type Party } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import type { Directory } from '../../domain/people/person.js';
import { inParallel, TURN_READS_AT_ONCE } from '../in-parallel.js';
import { openActionsFor } from '../../domain/records/actions.js';
import type { SessionRecord, TrackedAction } from '../../domain/records/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { RecordRepository } from '../../repositories/records.js';

export interface OverviewDeps {
  /** `year`: each agreement's sessions, records and actions in one read. */
  readonly agreements: Pick<AgreementRepository, 'agreementsOf' | 'year'>;
  readonly records: Pick<RecordRepository, 'agenda'>;
  readonly directory: Pick<Directory, 'getPerson'>;
  /** ISO instant. */
  readonly now: () => string;
}

export interface SessionView {
  readonly session: PlannedSession;
  /** The record of a session that has ended, when one was started. */
  readonly record?: SessionRecord | undefined;
  /** Items on the session's agenda (both people's). */
  readonly agendaItems: number;
}

export interface Relationship {
  readonly agreement: Agreement;
  readonly party: Party;
  readonly other: { readonly id: string; readonly name: string };
  /** Booked sessions still to come, soonest first. */
  readonly upcoming: readonly SessionView[];
  /** Sessions whose time has passed (held or not), latest first. */
  readonly past: readonly SessionView[];
  /** Postponed or cancelled in Outlook and not yet rebooked. */
  readonly awaitingRebooking: readonly PlannedSession[];
  readonly openActions: readonly TrackedAction[];
  readonly overdueActions: readonly TrackedAction[];
}

export interface SupervisionOverview {
  readonly personId: string;
  /** Today in London. */
  readonly today: LocalDate;
  readonly now: string;
  /** Where the person is supervised (normally one agreement). */
  readonly asSupervisee: readonly Relationship[];
  /** The people they supervise, by supervisee name. */
  readonly asSupervisor: readonly Relationship[];
}

const LIVE = new Set(['signed', 'booked']);

function byStart(a: PlannedSession, b: PlannedSession): number {
  return a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0;
}

/**
 * What an answer reads for each relationship. Each is one storage read per agreement, and a
 * manager's question reads one agreement per person they supervise, so an answer asks only for
 * what it shows (issue 16 item 4: "my team" read nine agendas it never showed). What is not read
 * is empty in the relationship.
 */
export interface OverviewReads {
  /** The sessions and their records: what is coming, what was held, what waits to be rebooked. */
  readonly sessions: boolean;
  /** Open and overdue actions. */
  readonly actions: boolean;
  /** How many items are on the supervisee's next agenda (read only where the person is the supervisee: it is the one they prepare). */
  readonly agenda: boolean;
}

export const EVERYTHING: OverviewReads = { sessions: true, actions: true, agenda: true };

async function relationship(deps: OverviewDeps, agreement: Agreement, personId: string, nowIso: string, today: LocalDate, reads: OverviewReads): Promise<Relationship | undefined> {
  const party = partyOf(agreement, personId);
  if (!party) return undefined;
  const otherId = party === 'supervisor' ? agreement.terms.superviseeId : agreement.terms.supervisorId;
  const storedName = party === 'supervisor' ? agreement.parties?.superviseeName : agreement.parties?.supervisorName;
  const otherName = storedName ?? (await deps.directory.getPerson(otherId))?.displayName ?? (party === 'supervisor' ? 'your supervisee' : 'your supervisor');
  // One read gives the sessions, records and actions; what the answer does not show is not fetched and comes back empty.
  const parts = [...(reads.sessions ? (['sessions', 'records'] as const) : []), ...(reads.actions ? (['actions'] as const) : [])];
  const { sessions, records, actions } = parts.length > 0 ? await deps.agreements.year(agreement.id, parts) : { sessions: [], records: [], actions: [] };
  const recordOf = new Map(records.map((r) => [r.sessionId, r]));
  const sorted = [...sessions].sort(byStart);
  const upcomingSessions = sorted.filter((s) => s.status === 'booked' && s.endUtc > nowIso);
  const pastSessions = sorted.filter((s) => s.endUtc <= nowIso && s.status !== 'planned').reverse();
  const view = async (s: PlannedSession, withAgenda: boolean): Promise<SessionView> => ({
    session: s,
    record: recordOf.get(s.sessionId),
    agendaItems: withAgenda ? ((await deps.records.agenda(agreement.id, s.sessionId))?.items.length ?? 0) : 0,
  });
  const open = openActionsFor(actions, agreement.id);
  return {
    agreement,
    party,
    other: { id: otherId, name: otherName },
    // Only the supervisee's next agenda is read: it is the one they prepare, and no answer shows a supervisor theirs.
    upcoming: await Promise.all(upcomingSessions.map((s, i) => view(s, i === 0 && reads.agenda && party === 'supervisee'))),
    past: await Promise.all(pastSessions.map((s) => view(s, false))),
    awaitingRebooking: sorted.filter((s) => s.status === 'postponed' || (s.status === 'cancelled' && !recordOf.get(s.sessionId)?.notHeld)),
    openActions: open,
    overdueActions: open.filter((a) => a.due < today),
  };
}

/** Every live relationship of the person, each with its sessions, records and actions as of now. */
export async function supervisionOverview(deps: OverviewDeps, personId: string, reads: OverviewReads = EVERYTHING): Promise<SupervisionOverview> {
  const now = deps.now();
  const today = utcToLondon(now).date;
  const agreements = (await deps.agreements.agreementsOf(personId)).filter((a) => LIVE.has(a.status));
  // One read per relationship (and its agenda): a few relationships at a time (TURN_READS_AT_ONCE).
  const all = (await inParallel(agreements, TURN_READS_AT_ONCE, (a) => relationship(deps, a, personId, now, today, reads))).filter((r): r is Relationship => r !== undefined);
  return {
    personId,
    today,
    now,
    asSupervisee: all.filter((r) => r.party === 'supervisee'),
    asSupervisor: all.filter((r) => r.party === 'supervisor').sort((a, b) => a.other.name.localeCompare(b.other.name, 'en-GB')),
  };
}

/** The soonest session still to come, of whichever relationship. */
export function nextSessionOf(relationships: readonly Relationship[]): { relationship: Relationship; view: SessionView } | undefined {
  let best: { relationship: Relationship; view: SessionView } | undefined;
  for (const r of relationships) {
    const first = r.upcoming[0];
    if (first && (!best || first.session.startUtc < best.view.session.startUtc)) best = { relationship: r, view: first };
  }
  return best;
}

/** The records that wait on this person now: to sign (supervisee) or to write, share or amend (supervisor). */
export function recordsWaitingOn(r: Relationship): SessionView[] {
  return r.past.filter((v) => {
    const status = v.record?.status;
    if (r.party === 'supervisee') return status === 'shared';
    // A session that has ended with no record yet, or one being written or disputed.
    return v.session.status !== 'postponed' && v.session.status !== 'cancelled' && (status === undefined || status === 'draft' || status === 'disputed');
  });
}
