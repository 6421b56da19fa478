/**
 * npm run bench:sweep [-- --staff 3000 --day 2026-12-15]
 *
 * issue 6 item 7: 3,000 staff with a year of supervision history each (Sefton monthly and Camden
 * four-weekly agreements, with seeded lapses: missed sessions, late and unsigned records,
 * unrebooked postponements, overdue tracked actions) built as session records and tracked
 * actions the way the stores keep them, evaluated the way the daily sweep evaluates them: the obligations
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
import type { SessionRecord, TrackedAction } from '../src/domain/records/schema.js';
import { historyOf } from '../src/domain/obligations/history-of.js';
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
const agreements: { agreement: Agreement; sessions: PlannedSession[]; records: SessionRecord[]; actions: TrackedAction[]; reviews: string[] }[] = [];
const rsig = (who: string, date: string) => ({ signerId: who, signerName: who, signedAt: londonToUtc(date, '12:00'), hash: 'a'.repeat(64) });
const content = { standingItems: [], agendaItems: [], discussion: 'Discussed caseload.', decisions: '', actions: [], personalIssuesDiscussed: false };
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
  const reviews = review <= DAY && rand() < 0.95 ? [review] : [];
  const records: SessionRecord[] = [];
  const actions: TrackedAction[] = [];
  dates.forEach((date, n) => {
    const r = rand();
    const status: PlannedSession['status'] = r < 0.03 ? 'booked' : r < 0.05 ? 'postponed' : 'held';
    const sessionId = `${id}-s${n}`;
    const rebooked = status === 'postponed' && rand() < 0.5;
    sessions.push({
      sessionId, agreementId: id, date, start: '10:00', minutes: 60, startUtc: londonToUtc(date, '10:00'), endUtc: londonToUtc(date, '11:00'), rule: 'bench', status,
      ...(rebooked ? { postponements: [{ recordedAt: londonToUtc(date, '09:00'), recordedBy: tm, reasonId: 'manager-sick', reason: 'manager-sick', fromDate: date, toDate: addDays(date, 7) }] } : {}),
    });
    if (status === 'postponed' && !rebooked) {
      records.push({ agreementId: id, sessionId, sessionDate: date, policyId: 'bench', templateId: 'bench', supervisor: { id: tm, name: tm }, supervisee: { id: `sw-${i}`, name: 'sw' },
        status: 'not-held', notHeld: { outcome: 'postponed', reason: 'manager-sick', at: londonToUtc(date, '09:00') }, versions: [], history: [], createdAt: londonToUtc(date, '09:00'), updatedAt: londonToUtc(date, '09:00') });
    }
    if (status === 'held') {
      const late = rand() < 0.05;
      const shared = addWorkingDays(calendar, date, late ? 8 : 1);
      const signed = rand() < 0.97;
      records.push({
        agreementId: id, sessionId, sessionDate: date, policyId: 'bench', templateId: 'bench', supervisor: { id: tm, name: tm }, supervisee: { id: `sw-${i}`, name: 'sw' },
        status: signed ? 'final' : 'shared', versions: [{ version: 1, content, hash: 'a'.repeat(64), sharedAt: londonToUtc(shared, '11:00'), supervisorSignature: rsig(tm, shared), ...(signed ? { superviseeSignature: rsig(`sw-${i}`, shared) } : {}) }],
        history: [], createdAt: londonToUtc(date, '12:00'), updatedAt: londonToUtc(shared, '12:00'),
      });
      // Two agreed actions a session; a few are late or never done.
      for (let k = 0; k < 2; k += 1) {
        const due = addDays(date, 21);
        const x = rand();
        actions.push({ actionId: `${sessionId}-a${k}`, agreementId: id, fromSessionId: sessionId, text: 'Agreed action', ownerId: k === 0 ? `sw-${i}` : tm, ownerName: 'x', due,
          status: due > DAY || x < 0.03 ? 'open' : 'done', updatedAt: londonToUtc(x < 0.08 ? addDays(due, 5) : addDays(due, -2), '12:00'), notes: [] });
      }
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
  agreements.push({ agreement, sessions, records, actions, reviews });
}
const chainOf = (id: string): string[] => {
  const out: string[] = [];
  for (let m = managers.get(id); m; m = managers.get(m)) out.push(m);
  return out;
};
const inputs: AgreementEvaluation[] = agreements.map(({ agreement, sessions, records, actions, reviews }) => ({
  agreementId: agreement.id, pack: getPack(agreement.terms.policyId), history: historyOf({ ...agreement, ...(reviews[0] ? { renewedBy: { agreementId: `${agreement.id}-next`, signedOn: reviews[0], from: addMonths(agreement.terms.agreementDate, 12) } } : {}) }, sessions, records, actions),
  parties: { supervisorId: agreement.terms.supervisorId, superviseeId: agreement.terms.superviseeId }, ledger: [] as LedgerEntry[], acknowledged: new Set<string>(),
}));

// The stored rows have done their work (the histories are built): count them and let them go, so
// the timing measures evaluation, not the collector walking a year of records.
const counts = {
  sessions: agreements.reduce((n, a) => n + a.sessions.length, 0),
  records: agreements.reduce((n, a) => n + a.records.length, 0),
  actions: agreements.reduce((n, a) => n + a.actions.length, 0),
};
agreements.length = 0;

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
  `sessions_in_history: ${counts.sessions}`,
  `records_in_history: ${counts.records}`,
  `tracked_actions: ${counts.actions}`,
  `evaluation_seconds: ${seconds.toFixed(3)}`,
  `evaluation_seconds_cold: ${coldSeconds.toFixed(3)}`,
  `steps_due: ${steps.length}`,
  `messages_would_send: ${digests.size}`,
  `peak_rss_mb: ${Math.round(process.resourceUsage().maxRSS / 1024)}`,
].join('\n') + '\n');
