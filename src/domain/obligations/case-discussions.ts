/**
 * Case discussions from the records (issue 14 item 2): the record card asks, for each case item
 * on the session's agenda, its category as the pack names it and whether it was discussed. Those
 * answers, once the supervisor has signed and shared the record, are the cases the obligations
 * engine judges (periodic.ts caseObligations: Camden §6 (L122-L128) a cadence per category,
 * Sefton ¶7.1 (L235-L238) a case record every month).
 */
import type { LocalDate } from '../calendar/types.js';
import type { SessionRecord } from '../records/schema.js';
import type { HistoryInput } from './history.js';

export type HistoryCase = NonNullable<HistoryInput['cases']>[number];

/** One case item as a shared record gives it. */
export interface CaseDiscussion {
  readonly caseRef: string;
  readonly category: string;
  readonly on: LocalDate;
  readonly discussed: boolean;
  readonly closed: boolean;
}

/**
 * The case items of each record's latest shared version that carry a category, dated by the
 * session. A draft is not counted (nothing is signed yet), nor a session that did not take place.
 */
export function caseDiscussionsOf(records: readonly SessionRecord[]): CaseDiscussion[] {
  return records
    .filter((r) => r.status !== 'not-held')
    .flatMap((r) => {
      const latest = r.versions[r.versions.length - 1];
      if (!latest) return [];
      return latest.content.agendaItems.flatMap((item) =>
        item.caseRef && item.category ? [{ caseRef: item.caseRef, category: item.category, on: r.sessionDate, discussed: item.discussed === true, closed: item.closed === true }] : []);
    })
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/**
 * The engine's cases, one per case reference: its category is the latest the records give; it
 * counts from the first session it was on the agenda with a category (the product is not told when
 * a case was allocated, so that is the earliest it knows of it); its discussions are the sessions
 * where it was marked discussed; a case marked closed or transferred stops on that day, and one
 * back on a later agenda (reopened, or transferred back) runs again.
 */
export function casesOf(records: readonly SessionRecord[]): HistoryCase[] {
  const cases = new Map<string, { category: string; allocatedOn: LocalDate; discussions: LocalDate[]; closedOn?: LocalDate | undefined }>();
  for (const d of caseDiscussionsOf(records)) {
    const known = cases.get(d.caseRef) ?? { category: d.category, allocatedOn: d.on, discussions: [] };
    known.category = d.category;
    if (d.discussed && !known.discussions.includes(d.on)) known.discussions.push(d.on);
    known.closedOn = d.closed ? d.on : known.closedOn !== undefined && known.closedOn < d.on ? undefined : known.closedOn;
    cases.set(d.caseRef, known);
  }
  return [...cases.entries()].map(([id, c]) => ({ id, category: c.category, allocatedOn: c.allocatedOn, discussions: c.discussions, ...(c.closedOn ? { closedOn: c.closedOn } : {}) }));
}
