/**
 * npm run bench:sweep [-- --staff 3000 --day 2026-12-15]
 *
 * issue 6 item 7: 3,000 staff with a year of supervision history each (Sefton monthly and Camden
 * four-weekly agreements, with seeded lapses: missed sessions, late and unsigned records,
 * unrebooked postponements), evaluated the way the daily sweep evaluates them: the obligations
 * engine, then the escalation ladder, then one digest per recipient. Storage reads and sends are
 * left out: the target is the evaluation. The ledger is replayed from the previous 10 working
 * days (outside the timing) so escalation rungs are reached as they would be in production; the
 * first replayed day is also timed, as a cold (unwarmed JIT) evaluation.
 *
 * Prints `name: value` lines on stdout.
 */
import { parseArgs } from 'node:util';
import type { Agreement, PlannedSession } from '../src/domain/agreements/types.js';
import { addDays, addMonths } from '../src/domain/calendar/local-date.js';
import { londonToUtc } from '../src/domain/calendar/london-time.js';
import { addWorkingDays, createWorkingCalendar } from '../src/domain/calendar/working-calendar.js';
import { evaluateAgreement, groupByRecipient, memoCalendar, parseEscalationSettings, type AgreementEvaluation, type LedgerEntry } from '../src/domain/escalation/index.js';
import { historyFor } from '../src/jobs/sweep/history.js';
import type { AgreementFacts } from '../src/jobs/sweep/stores.js';
import { getPack } from '../src/policy/packs.js';

const { values } = parseArgs({ options: { staff: { type: 'string', default: '3000' }, day: { type: 'string', default: '2026-12-15' } } });
const STAFF = Number(values.staff);
const DAY = values.day ?? '2026-12-15';
const calendar = memoCalendar(createWorkingCalendar({ nation: 'england-and-wales' }));
const settings = parseEscalationSettings({ lineManagerAfterWorkingDays: 3, nextTierAfterWorkingDays: 5, fallback: { personId: 'hos-0', role: 'Head of Service' } });

// Deterministic pseudo-random numbers, so every run measures the same council.
let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const managers = new Map<string, string>();
const agreements: { agreement: Agreement; sessions: PlannedSession[]; facts: AgreementFacts }[] = [];
for (let i = 0; i < STAFF; i += 1) {
  const tm = `tm-${Math.floor(i / 10)}`;
  const sm = `sm-${Math.floor(i / 100)}`;
  const hos = `hos-${Math.floor(i / 1000)}`;
  managers.set(`sw-${i}`, tm).set(tm, sm).set(sm, hos).set(hos, 'dir');
  const camden = i % 5 < 2;
  const id = `ag-${i}`;
  // Agreements start on different days, each with at least a year behind it by DAY.
  const start = addDays(DAY, -365 - (i % 240));
  const dates: string[] = [];
  if (camden) for (let d = addDays(start, 1 + (i % 5)); d <= DAY; d = addDays(d, 21)) dates.push(d);
  else for (let m = 0; m < 24; m += 1) { const d = addDays(addMonths(start, m), 3 + (i % 10)); if (d <= DAY) dates.push(d); }
  const sessions: PlannedSession[] = [];
  const review = addDays(addMonths(start, 12), -3);
  const facts: AgreementFacts = { records: {}, postponements: {}, reviews: review <= DAY && rand() < 0.95 ? [review] : [] };
  dates.forEach((date, n) => {
    const r = rand();
    const status: PlannedSession['status'] = r < 0.03 ? 'booked' : r < 0.05 ? 'postponed' : 'held';
    sessions.push({ sessionId: `${id}-s${n}`, agreementId: id, date, start: '10:00', minutes: 60, startUtc: londonToUtc(date, '10:00'), endUtc: londonToUtc(date, '11:00'), rule: 'bench', status });
    if (status === 'postponed') facts.postponements[date] = { reason: 'manager-sick', ...(rand() < 0.5 ? { rebookedTo: addDays(date, 7) } : {}) };
    if (status === 'held') {
      const late = rand() < 0.05;
      const shared = addWorkingDays(calendar, date, late ? 8 : 1);
      facts.records[date] = { sharedOn: shared, signedBySupervisor: shared, ...(rand() < 0.97 ? { signedBySupervisee: shared } : {}) };
    }
  });
  const at = londonToUtc(start, '09:00');
  const sig = (who: string) => ({ signerId: who, signerName: who, signedAt: at, hash: '0'.repeat(64) });
  const agreement: Agreement = {
    id, status: 'booked', comments: [], createdAt: at, updatedAt: at, signatures: { supervisor: sig(tm), supervisee: sig(`sw-${i}`) },
    terms: {
      policyId: camden ? 'camden' : 'sefton', roleId: 'social-worker', supervisorId: tm, superviseeId: `sw-${i}`, employmentStart: camden ? '2020-01-06' : addMonths(start, -60),
      agreementDate: start, weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: addMonths(start, 12),
    },
  };
  agreements.push({ agreement, sessions, facts });
}
const chainOf = (id: string): string[] => {
  const out: string[] = [];
  for (let m = managers.get(id); m; m = managers.get(m)) out.push(m);
  return out;
};
const inputs: AgreementEvaluation[] = agreements.map(({ agreement, sessions, facts }) => ({
  agreementId: agreement.id, pack: getPack(agreement.terms.policyId), history: historyFor(agreement, sessions, facts),
  parties: { supervisorId: agreement.terms.supervisorId, superviseeId: agreement.terms.superviseeId }, ledger: [] as LedgerEntry[], acknowledged: new Set<string>(),
}));

// Replay the previous 10 working days so today's sweep sees a realistic ledger.
const ledgers = new Map<string, LedgerEntry[]>(inputs.map((a) => [a.agreementId, []]));
let replayDay = DAY;
for (let i = 0; i < 10; i += 1) replayDay = addWorkingDays(calendar, replayDay, -1);
let coldSeconds = 0;
for (let d = replayDay; d < DAY; d = addDays(d, 1)) {
  const c0 = performance.now();
  for (const a of inputs) {
    for (const s of evaluateAgreement({ ...a, ledger: ledgers.get(a.agreementId) ?? [] }, { today: d, calendar, settings, chainOf })) {
      ledgers.get(a.agreementId)?.push({ obligationId: s.obligationId, step: s.step, recipientId: s.recipientId, day: d });
    }
  }
  if (d === replayDay) coldSeconds = (performance.now() - c0) / 1000;
}
const today = inputs.map((a) => ({ ...a, ledger: ledgers.get(a.agreementId) ?? [] }));

const t0 = performance.now();
const steps = today.flatMap((a) => evaluateAgreement(a, { today: DAY, calendar, settings, chainOf }));
const digests = groupByRecipient(steps);
const seconds = (performance.now() - t0) / 1000;

process.stdout.write([
  `staff: ${STAFF}`,
  `day: ${DAY}`,
  `sessions_in_history: ${agreements.reduce((n, a) => n + a.sessions.length, 0)}`,
  `evaluation_seconds: ${seconds.toFixed(3)}`,
  `evaluation_seconds_cold: ${coldSeconds.toFixed(3)}`,
  `steps_due: ${steps.length}`,
  `messages_would_send: ${digests.size}`,
  `peak_rss_mb: ${Math.round(process.resourceUsage().maxRSS / 1024)}`,
].join('\n') + '\n');
