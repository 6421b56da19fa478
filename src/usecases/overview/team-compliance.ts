/**
 * "Team compliance" in chat (issue 15 item 4): the compliance report (complianceReport, the same
 * figures as `supervision report`) for the people a manager is responsible for, over their
 * supervision year so far, with names instead of ids.
 */
import { addMonths } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import type { Directory } from '../../domain/people/person.js';
import { complianceReport, type ComplianceDeps } from '../compliance/compliance-report.js';
import type { Counts } from '../compliance/summary.js';
import { TURN_READS_AT_ONCE } from '../in-parallel.js';

export interface TeamComplianceDeps extends ComplianceDeps {
  readonly directory: Pick<Directory, 'getManager' | 'getPerson'>;
  readonly now: () => string;
}

export interface TeamComplianceRow extends Counts {
  readonly personId: string;
  readonly name: string;
  /** Their supervisor's name, when it is not the manager asking. */
  readonly supervisorName?: string | undefined;
}

export interface TeamCompliance {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly rows: readonly TeamComplianceRow[];
  readonly total: Counts & { readonly people: number };
}

/** Everyone supervised by the manager or by someone who reports to them, from the start of their year to today. */
export async function teamComplianceFor(deps: TeamComplianceDeps, managerId: string): Promise<TeamCompliance> {
  const to = utcToLondon(deps.now()).date;
  const from = addMonths(to, -12);
  const rows = await complianceReport(deps, { from, to, team: managerId, agreementsAtOnce: TURN_READS_AT_ONCE });
  const personRows = rows.filter((x) => x.scope === 'person');
  // Every name at once (the directory answers each person once).
  const ids = [...new Set(personRows.flatMap((r) => (r.supervisorId !== managerId ? [r.id, r.supervisorId] : [r.id])))];
  const found = await Promise.all(ids.map(async (id) => [id, (await deps.directory.getPerson(id))?.displayName ?? 'someone no longer in the directory'] as const));
  const names = new Map(found);
  const nameOf = (id: string): string => names.get(id) ?? 'someone no longer in the directory';
  const people: TeamComplianceRow[] = [];
  for (const r of personRows) {
    const { scope: _s, id, supervisorId, people: _p, ...counts } = r;
    people.push({ personId: id, name: nameOf(id), ...(supervisorId !== managerId ? { supervisorName: nameOf(supervisorId) } : {}), ...counts });
  }
  people.sort((a, b) => (a.supervisorName ?? '').localeCompare(b.supervisorName ?? '', 'en-GB') || a.name.localeCompare(b.name, 'en-GB'));
  const all = rows.find((x) => x.scope === 'all');
  const { scope: _s, id: _i, supervisorId: _sv, ...total } = all ?? { scope: 'all', id: '', supervisorId: '', people: 0, sessionsDue: 0, sessionsHeld: 0, sessionsLate: 0, sessionsLapsed: 0, recordsLate: 0, escalations: 0 };
  return { from, to, rows: people, total };
}
