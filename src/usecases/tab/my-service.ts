import type { Agreement } from '../../domain/agreements/types.js';
import { addDays, addMonths, calendarMonthOf } from '../../domain/calendar/local-date.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { effectiveDue } from '../../domain/escalation/index.js';
import { AppError } from '../../domain/errors.js';
import type { Obligation } from '../../domain/obligations/types.js';
import { complianceCsv, complianceReport, type ComplianceDeps, type ComplianceRow } from '../compliance/index.js';
import type { TabDeps } from './deps.js';
import { agreementState } from './obligations-now.js';
import { isAbove, managesTeams } from './people.js';
import type { MyServiceView, ServiceCounts } from './views.js';

/**
 * "My service" (issue 13 item 2), for managers up the chain: the compliance of the teams under
 * them over the last twelve months (sessions held on time, records on time, escalations), a trend
 * by month, and the same CSV `supervision report` gives for their part of the organisation.
 * Counts and statuses only, never record content; only the people below them in the chain.
 */
export async function myService(deps: TabDeps, personId: string): Promise<MyServiceView> {
  await requireServiceManager(deps, personId);
  const { from, to } = lastTwelveMonths(deps.today());
  const rows = await complianceReport(complianceDeps(deps), { from, to, team: personId });
  const teams = [];
  for (const row of rows.filter((r) => r.scope === 'team')) {
    const supervisor = await deps.agenda.directory.getPerson(row.supervisorId);
    teams.push({ ...countsOf(row), supervisorId: row.supervisorId, supervisorName: supervisor?.displayName ?? 'A supervisor' });
  }
  teams.sort((a, b) => a.supervisorName.localeCompare(b.supervisorName, 'en-GB'));
  const total = rows.find((r) => r.scope === 'all');
  const states = [];
  for (const agreement of await chainAgreements(deps, personId)) states.push(await agreementState(deps, agreement, to));
  return {
    from,
    to,
    teams,
    total: total ? countsOf(total) : { people: 0, sessionsDue: 0, sessionsHeld: 0, sessionsLate: 0, sessionsLapsed: 0, recordsLate: 0, escalations: 0 },
    trend: monthlyTrend(deps, states.map((s) => s.obligations), from, to),
    openEscalations: states.reduce((n, s) => n + s.openEscalations, 0),
  };
}

/** The CSV `supervision report` gives, for the manager's part of the organisation (ids and counts). */
export async function myServiceCsv(deps: TabDeps, personId: string): Promise<{ csv: string; from: LocalDate; to: LocalDate }> {
  await requireServiceManager(deps, personId);
  const { from, to } = lastTwelveMonths(deps.today());
  return { csv: complianceCsv(await complianceReport(complianceDeps(deps), { from, to, team: personId })), from, to };
}

async function requireServiceManager(deps: TabDeps, personId: string): Promise<void> {
  if (!(await managesTeams(deps.agenda.directory, personId))) {
    throw new AppError('forbidden', '"My service" is for managers of teams: the directory shows no teams under you.');
  }
}

function complianceDeps(deps: TabDeps): ComplianceDeps {
  return { agreements: deps.agenda.agreements, escalations: deps.escalations, directory: deps.agenda.directory, packFor: deps.agenda.packFor, calendar: deps.calendar, settings: deps.settings };
}

function lastTwelveMonths(today: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: `${calendarMonthOf(addMonths(today, -11))}-01`, to: today };
}

function countsOf(row: ComplianceRow): ServiceCounts {
  return { people: row.people, sessionsDue: row.sessionsDue, sessionsHeld: row.sessionsHeld, sessionsLate: row.sessionsLate, sessionsLapsed: row.sessionsLapsed, recordsLate: row.recordsLate, escalations: row.escalations };
}

/** Agreements whose supervisee is below the manager in the chain (what complianceReport's team covers). */
async function chainAgreements(deps: TabDeps, managerId: string): Promise<Agreement[]> {
  const out: Agreement[] = [];
  for (const a of await deps.agenda.agreements.list()) {
    if (a.status !== 'booked' && a.status !== 'signed' && a.status !== 'ended') continue;
    if (a.terms.supervisorId === managerId || (await isAbove(deps.agenda.directory, managerId, a.terms.superviseeId))) out.push(a);
  }
  return out;
}

/**
 * Per month: of the sessions the policy asked for that month, the share held on time; of the
 * records due that month, the share shared and signed on time. Null for a month that asked for
 * nothing. The same reading of obligations as the compliance report (summary.ts).
 */
function monthlyTrend(deps: TabDeps, perAgreement: readonly (readonly Obligation[])[], from: LocalDate, to: LocalDate): MyServiceView['trend'] {
  const months: { month: string; start: LocalDate; end: LocalDate }[] = [];
  for (let start = from; start <= to; start = addMonths(start, 1)) months.push({ month: calendarMonthOf(start), start, end: addDays(addMonths(start, 1), -1) });
  return months.map(({ month, start, end }) => {
    let due = 0;
    let held = 0;
    let recordsDue = 0;
    let recordsOnTime = 0;
    for (const obligations of perAgreement) {
      for (const o of obligations) {
        if (o.status === 'not-specified') continue;
        const when = o.due ?? (deps.settings ? effectiveDue(o, deps.calendar, deps.settings)?.due : undefined);
        if (when === undefined || when < start || when > end) continue;
        if (o.kind === 'session-frequency') {
          if (o.floor && o.metOn !== undefined && o.metOn <= when) continue;
          due += 1;
          if (o.metOn !== undefined && o.metOn <= when) held += 1;
        } else if (o.kind === 'record-shared' || o.kind === 'record-signed') {
          recordsDue += 1;
          if (o.metOn !== undefined && o.metOn <= when) recordsOnTime += 1;
        }
      }
    }
    return { month, heldOnTime: due === 0 ? null : Math.round((held / due) * 100), recordsOnTime: recordsDue === 0 ? null : Math.round((recordsOnTime / recordsDue) * 100) };
  });
}
