import type { Agreement } from '../../domain/agreements/types.js';
import { londonToUtcMs } from '../../domain/calendar/london-time.js';
import { addDays } from '../../domain/calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { EscalationSettings } from '../../domain/escalation/index.js';
import { AppError } from '../../domain/errors.js';
import { computeObligations } from '../../domain/obligations/index.js';
import type { Directory, Person } from '../../domain/people/person.js';
import type { PolicyPack } from '../../policy/schema.js';
import { historyOf } from '../../domain/obligations/history-of.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { EscalationRepository } from '../../repositories/escalations.js';
import { inParallel } from '../in-parallel.js';
import { addCounts, summarise, zeroCounts, type Counts } from './summary.js';

export interface ComplianceDeps {
  /** Every agreement, and each one's sessions, records and tracked actions (`year`): the same facts the sweep judges by. */
  readonly agreements: Pick<AgreementRepository, 'list' | 'year'>;
  /** The audit log of escalations. */
  readonly escalations: Pick<EscalationRepository, 'auditBetween'>;
  readonly directory: Pick<Directory, 'getManager'>;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly calendar: WorkingCalendar;
  /** The council's escalation settings, for chase dates of undated records (optional). */
  readonly settings?: EscalationSettings | undefined;
  /**
   * Today (London). A period reaching past it is judged as it stands today: a session due later is
   * due, not lapsed, and a record not yet due is not late (issue 16: a 2027 report run in December
   * 2026 counted 11 of 12 sessions per person as lapsed). Without it the period's end stands in,
   * which is right only for a period already over.
   */
  readonly today?: (() => LocalDate) | undefined;
}

export interface ComplianceQuery {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Only people whose supervisor is this manager or who report to them (directly or not). */
  readonly team?: string | undefined;
  /** Agreements read at once (one read each): fewer in a chat turn (TURN_READS_AT_ONCE) than in a report run on its own. */
  readonly agreementsAtOnce?: number | undefined;
}

export interface ComplianceRow extends Counts {
  readonly scope: 'person' | 'team' | 'all';
  /** Person: the supervisee's Entra id; team: the supervisor's; all: "all". */
  readonly id: string;
  /** Team rows: how many people. Person rows: the supervisor. */
  readonly supervisorId: string;
  readonly people: number;
}

async function managersOf(managerOf: (id: string) => Promise<Person | undefined>, id: string): Promise<readonly string[]> {
  const chain: string[] = [];
  for (let cur = id, i = 0; i < 12; i += 1) {
    const m = await managerOf(cur);
    if (!m || m.id === id || chain.includes(m.id)) break;
    chain.push(m.id);
    cur = m.id;
  }
  return chain;
}

/** Days after a month's end when its escalation audit no longer changes (see auditBetween). */
const SETTLED_AFTER_DAYS = 7;

/** How many agreements' reads (and managers' lookups) run at once. */
const READS_AT_ONCE = 16;

/**
 * issue 6 "Evidence for inspectors": per person (supervisee) and per team (supervisor), what the
 * policy asked for in the period and what happened, from the stores and the audit log. An
 * agreement counts for the part of the period it covers; agreements that ended still count.
 */
export async function complianceReport(deps: ComplianceDeps, q: ComplianceQuery): Promise<ComplianceRow[]> {
  if (q.from > q.to) throw new AppError('invalid_input', `--from ${q.from} is after --to ${q.to}`);
  const today = deps.today?.();
  const asOf = today !== undefined && today < q.to ? today : q.to;
  // Each manager is asked for once per report, however many chains pass through them (issue 16
  // item 4: a team's question walked every supervisee's chain to the top, one request at a time).
  const managers = new Map<string, Promise<Person | undefined>>();
  const managerOf = (id: string): Promise<Person | undefined> => {
    let found = managers.get(id);
    if (!found) {
      found = deps.directory.getManager(id);
      managers.set(id, found);
    }
    return found;
  };
  const fromMs = londonToUtcMs(q.from, '00:00');
  const toMs = londonToUtcMs(addDays(q.to, 1), '00:00');
  // A month a week over is settled (the sweep audits its own day, and its next run what a crash left).
  const settledBefore = today === undefined ? undefined : new Date(londonToUtcMs(addDays(today, -SETTLED_AFTER_DAYS), '00:00'));
  const [listed, audit] = await Promise.all([deps.agreements.list(), deps.escalations.auditBetween(new Date(fromMs), new Date(toMs), settledBefore)]);
  const all = listed
    .filter((a) => a.status === 'signed' || a.status === 'booked' || a.status === 'ended')
    .filter((a) => a.terms.agreementDate <= q.to);
  const team = q.team;
  const inTeam = await inParallel(all, READS_AT_ONCE, async (a) => team === undefined || a.terms.supervisorId === team || (await managersOf(managerOf, a.terms.superviseeId)).includes(team));
  const agreements: Agreement[] = all.filter((_, i) => inTeam[i]);
  const escalations = new Map<string, number>();
  for (const e of audit) {
    if ((e.event === 'line-manager' || e.event === 'next-tier') && e.day >= q.from && e.day <= q.to) {
      escalations.set(e.agreementId, (escalations.get(e.agreementId) ?? 0) + 1);
    }
  }

  const people = new Map<string, { supervisorId: string; counts: Counts }>();
  // Each agreement's facts are read (several at once) and judged as they arrive; only the counts are kept.
  const judged = await inParallel(agreements, q.agreementsAtOnce ?? READS_AT_ONCE, async (a): Promise<Counts> => {
    const { sessions, records, actions } = await deps.agreements.year(a.id);
    const history = historyOf(a, sessions, records, actions);
    const obligations = computeObligations(deps.packFor(a.terms.policyId), history, q.to < a.terms.agreementDate ? a.terms.agreementDate : q.to, { calendar: deps.calendar });
    return { ...summarise(obligations, q.from, q.to, deps.calendar, deps.settings, asOf), escalations: escalations.get(a.id) ?? 0 };
  });
  for (const [i, a] of agreements.entries()) {
    const counts = judged[i] ?? zeroCounts();
    const key = a.terms.superviseeId;
    const prev = people.get(key);
    // A change of supervisor in the period: the person's row adds up both agreements.
    people.set(key, { supervisorId: a.terms.supervisorId, counts: prev ? addCounts(prev.counts, counts) : counts });
  }
  const rows: ComplianceRow[] = [...people].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([id, p]) => ({ scope: 'person' as const, id, supervisorId: p.supervisorId, people: 1, ...p.counts }));
  const teams = new Map<string, ComplianceRow>();
  for (const r of rows) {
    const t = teams.get(r.supervisorId);
    teams.set(r.supervisorId, { scope: 'team', id: r.supervisorId, supervisorId: r.supervisorId, people: (t?.people ?? 0) + 1, ...addCounts(t ?? zeroCounts(), r) });
  }
  const teamRows = [...teams.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const total = rows.reduce<Counts>((acc, r) => addCounts(acc, r), zeroCounts());
  return [...rows, ...teamRows, { scope: 'all', id: q.team ?? 'all', supervisorId: q.team ?? '', people: rows.length, ...total }];
}

const COLUMNS = ['scope', 'id', 'supervisor_id', 'people', 'sessions_due', 'sessions_held', 'sessions_late', 'sessions_lapsed', 'records_late', 'escalations'] as const;

/** RFC 4180, with formula-leading cells neutralised so a spreadsheet never runs an id as a formula. */
function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function complianceCsv(rows: readonly ComplianceRow[]): string {
  const lines = rows.map((r) => [r.scope, r.id, r.supervisorId, r.people, r.sessionsDue, r.sessionsHeld, r.sessionsLate, r.sessionsLapsed, r.recordsLate, r.escalations].map(cell).join(','));
  return [COLUMNS.join(','), ...lines].join('\r\n');
}
