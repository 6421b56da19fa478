import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { londonToUtcMs } from '../../domain/calendar/london-time.js';
import { addDays } from '../../domain/calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { EscalationSettings } from '../../domain/escalation/index.js';
import { AppError } from '../../domain/errors.js';
import { computeObligations } from '../../domain/obligations/index.js';
import type { Directory } from '../../domain/people/person.js';
import type { AppendOnlyLog, VersionedStore } from '../../domain/ports/storage.js';
import type { PolicyPack } from '../../policy/schema.js';
import { AGREEMENT_PARTITION } from '../../jobs/booking/stores.js';
import { listPartition } from '../../jobs/list-partition.js';
import { historyOf } from '../../jobs/sweep/history.js';
import type { SessionRecord, TrackedAction } from '../../domain/records/schema.js';
import { auditPartition, factsKey, type AgreementFacts, type AuditEntry } from '../../repositories/escalations.js';
import { addCounts, summarise, zeroCounts, type Counts } from './summary.js';

export interface ComplianceDeps {
  readonly agreements: VersionedStore<Agreement>;
  readonly sessions: VersionedStore<PlannedSession>;
  readonly facts: VersionedStore<AgreementFacts>;
  /** Session records and tracked actions: the same facts the sweep judges by. */
  readonly records: VersionedStore<SessionRecord>;
  readonly actions: VersionedStore<TrackedAction>;
  readonly audit: AppendOnlyLog<AuditEntry>;
  readonly directory: Pick<Directory, 'getManager'>;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly calendar: WorkingCalendar;
  /** The council's escalation settings, for chase dates of undated records (optional). */
  readonly settings?: EscalationSettings | undefined;
}

export interface ComplianceQuery {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Only people whose supervisor is this manager or who report to them (directly or not). */
  readonly team?: string | undefined;
}

export interface ComplianceRow extends Counts {
  readonly scope: 'person' | 'team' | 'all';
  /** Person: the supervisee's Entra id; team: the supervisor's; all: "all". */
  readonly id: string;
  /** Team rows: how many people. Person rows: the supervisor. */
  readonly supervisorId: string;
  readonly people: number;
}

/** Months a period touches, for the audit log's monthly partitions. */
function months(from: LocalDate, to: LocalDate): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    out.push(m);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  return out;
}

async function managersOf(directory: Pick<Directory, 'getManager'>, id: string, memo: Map<string, readonly string[]>): Promise<readonly string[]> {
  const known = memo.get(id);
  if (known) return known;
  const chain: string[] = [];
  for (let cur = id, i = 0; i < 12; i += 1) {
    const m = await directory.getManager(cur);
    if (!m || m.id === id || chain.includes(m.id)) break;
    chain.push(m.id);
    cur = m.id;
  }
  memo.set(id, chain);
  return chain;
}

/**
 * issue 6 "Evidence for inspectors": per person (supervisee) and per team (supervisor), what the
 * policy asked for in the period and what happened, from the stores and the audit log. An
 * agreement counts for the part of the period it covers; agreements that ended still count.
 */
export async function complianceReport(deps: ComplianceDeps, q: ComplianceQuery): Promise<ComplianceRow[]> {
  if (q.from > q.to) throw new AppError('invalid_input', `--from ${q.from} is after --to ${q.to}`);
  const memo = new Map<string, readonly string[]>();
  const all = (await listPartition(deps.agreements, AGREEMENT_PARTITION)).map((i) => i.value)
    .filter((a) => a.status === 'signed' || a.status === 'booked' || a.status === 'ended')
    .filter((a) => a.terms.agreementDate <= q.to);
  const agreements: Agreement[] = [];
  for (const a of all) {
    if (q.team === undefined || a.terms.supervisorId === q.team || (await managersOf(deps.directory, a.terms.superviseeId, memo)).includes(q.team)) agreements.push(a);
  }
  const escalations = new Map<string, number>();
  const fromMs = londonToUtcMs(q.from, '00:00');
  const toMs = londonToUtcMs(addDays(q.to, 1), '00:00');
  for (const m of months(q.from, q.to)) {
    let continuation: string | undefined;
    do {
      const page = await deps.audit.list(auditPartition(`${m}-01`), { from: new Date(fromMs), to: new Date(toMs), ...(continuation ? { continuation } : {}) });
      for (const e of page.items) {
        if ((e.value.event === 'line-manager' || e.value.event === 'next-tier') && e.value.day >= q.from && e.value.day <= q.to) {
          escalations.set(e.value.agreementId, (escalations.get(e.value.agreementId) ?? 0) + 1);
        }
      }
      continuation = page.continuation;
    } while (continuation !== undefined);
  }

  const people = new Map<string, { supervisorId: string; counts: Counts }>();
  for (const a of agreements) {
    const [sessions, records, actions, facts] = await Promise.all([listPartition(deps.sessions, a.id), listPartition(deps.records, a.id), listPartition(deps.actions, a.id), deps.facts.get(factsKey(a.id))]);
    const history = historyOf(a, sessions.map((s) => s.value), records.map((r) => r.value), facts?.value, actions.map((x) => x.value));
    const obligations = computeObligations(deps.packFor(a.terms.policyId), history, q.to < a.terms.agreementDate ? a.terms.agreementDate : q.to, { calendar: deps.calendar });
    const counts = { ...summarise(obligations, q.from, q.to, deps.calendar, deps.settings), escalations: escalations.get(a.id) ?? 0 };
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
