/**
 * npm run bench:passes [-- --staff 3000]
 *
 * issue 16 item 5: storage reads per pass at council scale, before and after the pass index
 * (src/repositories/pass-index.ts). 3,000 staff, each with a booked agreement, six months of
 * monthly sessions (and their records) behind them and two months ahead, are written to Azurite
 * (its own process) as the product's tables and their index hold them; then each of the six
 * passes runs with the index ("after") and on the same tables without it ("before": every
 * agreement listed, as the passes did until the index):
 *
 * - the milestone-card pass (issue 14) at the same time: one PDR a year per person, on the
 *   (i mod 20)-th working day of December at 14:00 (held before today, booked from today);
 * - the record-card pass at 11:20 on a working day, after that morning's 10:00 meetings;
 * - the preparation pass the same morning (sessions two working days ahead);
 * - the booking-confirmation backstop (1 in 100 agreements with a card that has not arrived);
 * - the filing backstop (1 in 100 agreements with a final record not yet filed);
 * - the Teams meeting-end lookup of one meeting's join URL (an agreement half-way down the list).
 *
 * "after" runs first and does the pass's work (sends cards, claims them); "before" then runs on the
 * same clock and finds that work done, so its figure is the reading alone. `_after_next` is the
 * routine pass five minutes later, when nothing new is due. A read is a storage request that
 * returns rows (a point read or one page of a partition); rows are what those requests returned.
 *
 * Prints `name: value` lines on stdout; progress goes to stderr.
 */
import { parseArgs } from 'node:util';
import { createStorage } from '../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../src/domain/agreements/types.js';
import { addMonths } from '../src/domain/calendar/local-date.js';
import { londonToUtc } from '../src/domain/calendar/london-time.js';
import { addWorkingDays, createWorkingCalendar, nextWorkingDayOnOrAfter } from '../src/domain/calendar/working-calendar.js';
import type { Directory, Person } from '../src/domain/people/person.js';
import type { JobQueue, VersionedStore } from '../src/domain/ports/storage.js';
import type { SessionRecord } from '../src/domain/records/schema.js';
import type { FilingJob } from '../src/jobs/filing/queue.js';
import { enqueueUnfiledRecords } from '../src/jobs/filing/backstop.js';
import { getPack } from '../src/policy/packs.js';
import { ZAgreement } from '../src/domain/agreements/schema.js';
import { AGREEMENTS_TABLE, AgreementRepository, agreementKey } from '../src/repositories/agreements.js';
import { YEAR_TABLE, yearRowsOf, ZYearRow } from '../src/repositories/agreement-year.js';
import { agreementWrites, PASS_INDEX_TABLE, PASS_INDEX_VERSION, recordWrites, sessionWrites, ZPassIndexEntry, type IndexWrite } from '../src/repositories/pass-index.js';
import { MILESTONES_TABLE, milestoneKey, MilestoneRepository } from '../src/repositories/milestones.js';
import { ZPlannedMilestone } from '../src/domain/milestones/schema.js';
import type { PlannedMilestone } from '../src/domain/milestones/types.js';
import { milestoneWrites } from '../src/repositories/pass-index.js';
import { dueMilestoneCards } from '../src/usecases/records/send-milestone-cards.js';
import { startBenchAzurite } from './support/azurite.js';
import { bulkUpsert } from './support/bulk.js';
import { createRepositories, RecordRepository, type RepositoryStorage } from '../src/repositories/index.js';
import { sendDuePreparationCards } from '../src/usecases/agenda/send-preparation-cards.js';
import { resendPendingConfirmations } from '../src/usecases/agreements/confirm-booking.js';
import { dueRecordCards, recordCardForMeetingEnd, type RecordCardDeps } from '../src/usecases/records/send-record-card.js';

const { values } = parseArgs({ options: { staff: { type: 'string', default: '3000' } } });
const STAFF = Number(values.staff);
/** A Tuesday: the 11th working day of December 2026. */
const TODAY = '2026-12-15';
const NOW = '2026-12-15T11:20:00Z';
const NEXT = '2026-12-15T11:25:00Z';
const BEFORE_MEETINGS = '2026-12-15T08:00:00Z';
const SESSIONS_EACH = 9;

const say = (line: string): void => void process.stderr.write(`${line}\n`);
const calendar = createWorkingCalendar({ nation: 'england-and-wales' });

/** Counts storage requests that read (point reads, pages) and the rows they return, and writes. */
class Meter {
  reads = 0;
  rows = 0;
  writes = 0;
  reset(): void {
    this.reads = 0;
    this.rows = 0;
    this.writes = 0;
  }
}

function metered<T>(inner: VersionedStore<T>, meter: Meter): VersionedStore<T> {
  return {
    async get(key) {
      meter.reads++;
      const found = await inner.get(key);
      if (found) meter.rows++;
      return found;
    },
    async list(partition, page) {
      meter.reads++;
      const found = await inner.list(partition, page);
      meter.rows += found.items.length;
      return found;
    },
    create: (key, value) => (meter.writes++, inner.create(key, value)),
    replace: (key, value, etag) => (meter.writes++, inner.replace(key, value, etag)),
    upsert: (key, value) => (meter.writes++, inner.upsert(key, value)),
    delete: (key, etag) => (meter.writes++, inner.delete(key, etag)),
  };
}

const pad = (i: number): string => String(i).padStart(5, '0');
const supervisorOf = (i: number): string => `tm-${pad(Math.floor(i / 10))}`;
const superviseeOf = (i: number): string => `sw-${pad(i)}`;
const AT = '2026-05-20T09:00:00Z';

function agreementOf(i: number): Agreement {
  const delivered = i % 100 === 7 ? { supervisor: AT } : { supervisor: AT, supervisee: AT };
  return {
    id: `ag-${pad(i)}`,
    terms: {
      policyId: 'sefton', roleId: 'social-worker', supervisorId: supervisorOf(i), superviseeId: superviseeOf(i), employmentStart: '2019-09-02', agreementDate: '2026-06-01',
      weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Assessments', othersWhoMaySee: [], reviewDate: '2027-06-01',
    },
    status: 'booked', signatures: {}, comments: [], createdAt: AT, updatedAt: AT,
    parties: { supervisorName: `Manager ${supervisorOf(i)}`, superviseeName: `Worker ${superviseeOf(i)}` },
    confirmation: { claimedAt: AT, deliveredTo: delivered, ...(i % 100 === 7 ? { sendingTo: { supervisee: AT } } : {}) },
  };
}

/** Monthly, on the (i mod 20)-th working day of each month from June 2026 to February 2027, at 10:00 or 14:00. */
function sessionsOf(i: number): PlannedSession[] {
  const agreementId = `ag-${pad(i)}`;
  const out: PlannedSession[] = [];
  for (let m = 0; m < SESSIONS_EACH; m++) {
    const date = addWorkingDays(calendar, nextWorkingDayOnOrAfter(calendar, addMonths('2026-06-01', m)), i % 20);
    const start = i % 2 === 0 ? '10:00' : '14:00';
    const sessionId = `${agreementId}-s${String(m + 1).padStart(2, '0')}`;
    const past = date < TODAY;
    // 1 in 50 past sessions still waits for its record (the card owed since).
    const owed = past && (i * 9 + m) % 50 === 3;
    out.push({
      sessionId, agreementId, date, start, minutes: 60, startUtc: londonToUtc(date, start), endUtc: londonToUtc(date, i % 2 === 0 ? '11:00' : '15:00'), rule: 'SE-F1',
      status: past && !owed ? 'held' : 'booked', eventId: `evt-${sessionId}`, joinUrl: `https://teams.example/l/meetup-join/${sessionId}`,
    });
  }
  return out;
}

/** One PDR a year: the (i mod 20)-th working day of December 2026 at 14:00; held before today. */
function milestoneOf(i: number): PlannedMilestone {
  const agreementId = `ag-${pad(i)}`;
  const date = addWorkingDays(calendar, nextWorkingDayOnOrAfter(calendar, '2026-12-01'), i % 20);
  return {
    milestoneId: `${agreementId}-m-pdr-2026`, agreementId, kind: 'pdr', subject: '2026', label: 'Performance and development review (PDR)', due: date, date, start: '14:00', minutes: 60,
    startUtc: londonToUtc(date, '14:00'), endUtc: londonToUtc(date, '15:00'), rule: 'SE-D11', format: { kind: 'teams' }, status: date < TODAY ? 'held' : 'booked',
  };
}

function recordsOf(i: number, sessions: readonly PlannedSession[]): SessionRecord[] {
  const held = sessions.filter((s) => s.status === 'held');
  return held.map((s, n) => {
    const last = n === held.length - 1;
    const final = last && i % 100 === 11;
    return {
      agreementId: s.agreementId, sessionId: s.sessionId, sessionDate: s.date, policyId: 'sefton', templateId: 'sefton-staff',
      supervisor: { id: supervisorOf(i), name: `Manager ${supervisorOf(i)}` }, supervisee: { id: superviseeOf(i), name: `Worker ${superviseeOf(i)}` },
      status: final ? 'final' : 'filed', versions: [], history: [], createdAt: s.endUtc, updatedAt: s.endUtc, cardSentAt: s.endUtc,
      ...(final ? { filingRequestedAt: s.endUtc } : { filed: { pdfPath: `/${s.sessionId}.pdf`, jsonPath: `/${s.sessionId}.json`, driveItemIds: { pdf: 'p', json: 'j' }, filedAt: s.endUtc } }),
    };
  });
}

const directory: Directory = {
  async getPerson(id: string): Promise<Person | undefined> {
    return { id, displayName: `Person ${id}`, givenName: 'Person', mail: `${id}@northshire.example` };
  },
  getManager: async () => undefined,
  getDirectReports: async () => [],
  ping: async () => undefined,
};

const queued: FilingJob[] = [];
const filingQueue = { send: async (body: FilingJob) => (queued.push(body), { id: String(queued.length) }) } as unknown as JobQueue<FilingJob>;

async function main(): Promise<void> {
  const { azurite } = await startBenchAzurite();
  try {
    const storage = createStorage(azurite.connectionString);
    const meter = new Meter();
    const counted: RepositoryStorage = { ...storage, versioned: (table, schema) => metered(storage.versioned(table, schema), meter) };
    const repos = createRepositories(counted);
    await storage.ensureCreated();

    // ── The council: the rows the product's tables and their index would hold ──────────────
    // Written 100 to a request (bench/support/bulk.ts) in the stores' own encoding: one by one,
    // 100,000 rows take longer than the benchmark is worth on a shared machine.
    say(`bench:passes: writing ${STAFF} agreements with their sessions, records and index`);
    const seedStarted = performance.now();
    const agreements = Array.from({ length: STAFF }, (_, i) => agreementOf(i));
    const sessions = agreements.flatMap((_, i) => sessionsOf(i));
    const records = agreements.flatMap((_, i) => recordsOf(i, sessions.slice(i * SESSIONS_EACH, (i + 1) * SESSIONS_EACH)));
    const milestones = agreements.map((_, i) => milestoneOf(i));
    const index: IndexWrite[] = [
      ...agreements.flatMap(agreementWrites), ...sessions.flatMap(sessionWrites), ...records.flatMap(recordWrites),
      // What building the index from these tables would add: the owed cards of earlier months, and "built".
      ...sessions.filter((s) => s.status === 'booked' && s.endUtc <= BEFORE_MEETINGS).map((s): IndexWrite => ({ key: { partition: 'card', id: `${s.agreementId}|${s.sessionId}` }, value: { kind: 'marker', agreementId: s.agreementId, sessionId: s.sessionId }, once: false })),
      ...(['agreements', 'records', 'milestones'] as const).map((part): IndexWrite => ({ key: { partition: 'meta', id: `built-${part}` }, value: { kind: 'built', version: PASS_INDEX_VERSION, at: BEFORE_MEETINGS }, once: false })),
      // The milestones' days, held ones settled by earlier passes, and that pass's cursor.
      ...milestones.flatMap(milestoneWrites).map((w): IndexWrite => (w.value.kind === 'milestone' && w.value.startUtc < BEFORE_MEETINGS ? { ...w, value: { ...w.value, cardSettled: true } } : w)),
      { key: { partition: 'meta', id: 'cursor-milestone-cards' }, value: { kind: 'cursor', through: '2026-12-12' }, once: false },
    ];
    const cs = azurite.connectionString;
    const seeded = async <T>(table: string, run: () => Promise<number>, rows: readonly T[]): Promise<number> => {
      const requests = await run();
      say(`bench:passes: ${table}: ${rows.length} rows in ${requests} requests (${((performance.now() - seedStarted) / 1000).toFixed(0)} s)`);
      return requests;
    };
    const seedRequests =
      (await seeded(AGREEMENTS_TABLE, () => bulkUpsert(cs, AGREEMENTS_TABLE, ZAgreement, agreements.map((a) => ({ key: agreementKey(a.id), value: a }))), agreements)) +
      (await seeded(YEAR_TABLE, () => bulkUpsert(cs, YEAR_TABLE, ZYearRow, yearRowsOf({ sessions, records })), [...sessions, ...records])) +
      (await seeded(MILESTONES_TABLE, () => bulkUpsert(cs, MILESTONES_TABLE, ZPlannedMilestone, milestones.map((m) => ({ key: milestoneKey(m.agreementId, m.milestoneId), value: m }))), milestones)) +
      (await seeded(PASS_INDEX_TABLE, () => bulkUpsert(cs, PASS_INDEX_TABLE, ZPassIndexEntry, index.map((w) => ({ key: w.key, value: w.value }))), index));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const sessionCount = sessions.length;
    const recordCount = records.length;

    // The owed cards of earlier months (the build listed them) go out before the measured morning.
    const plain = { agreements: new AgreementRepository({ ...repos.agreements.tables, index: undefined }), records: new RecordRepository({ ...repos.records.tables, index: undefined }) };
    const sent = { cards: 0, preparation: 0 };
    const recordDeps = (r: typeof plain, now: string): RecordCardDeps => ({
      ...r, directory, packFor: getPack, now: () => now, newId: () => Math.random().toString(36).slice(2),
      deliverCard: async () => (sent.cards++, 'delivered'),
    });
    const backlog = await dueRecordCards(recordDeps(repos, BEFORE_MEETINGS), BEFORE_MEETINGS);
    meter.reset();

    const out: Array<[string, string | number]> = [
      ['staff', STAFF], ['sessions', sessionCount], ['records', recordCount], ['index_entries', index.length], ['seed_seconds', seedSeconds.toFixed(1)], ['seed_requests', seedRequests],
      ['owed_cards_before_the_morning', backlog.sent],
    ];
    const measure = async (name: string, run: () => Promise<unknown>): Promise<void> => {
      meter.reset();
      const started = performance.now();
      await run();
      out.push([`${name}_reads`, meter.reads], [`${name}_rows`, meter.rows], [`${name}_writes`, meter.writes], [`${name}_ms`, (performance.now() - started).toFixed(0)]);
    };

    // ── 1. The record card at scheduled end + 15 minutes ────────────────────────────────────
    sent.cards = 0;
    await measure('record_cards_after', () => dueRecordCards(recordDeps(repos, NOW), NOW));
    out.push(['record_cards_sent', sent.cards]);
    await measure('record_cards_before', () => dueRecordCards(recordDeps(plain, NOW), NOW));
    await measure('record_cards_after_next', () => dueRecordCards(recordDeps(repos, NEXT), NEXT));

    // ── 2. Preparation cards, two working days ahead ────────────────────────────────────────
    const preparationDeps = (r: typeof plain, now: string) => ({
      ...r, directory, packFor: getPack, now: () => now, calendar,
      deliverCard: async () => (sent.preparation++, 'delivered' as const),
    });
    await measure('preparation_after', () => sendDuePreparationCards(preparationDeps(repos, NOW), NOW));
    out.push(['preparation_sent', sent.preparation]);
    await measure('preparation_before', () => sendDuePreparationCards(preparationDeps(plain, NOW), NOW));
    await measure('preparation_after_next', () => sendDuePreparationCards(preparationDeps(repos, NEXT), NEXT));

    // ── 3. The booking-confirmation backstop ────────────────────────────────────────────────
    let confirmed = 0;
    const confirmationDeps = (agreements: AgreementRepository, now: string) => ({
      agreements, directory, pack: getPack('sefton'), now: () => now, today: () => TODAY, enqueueBooking: async () => undefined,
      sendConfirmation: async () => (confirmed++, 'delivered' as const),
    });
    await measure('confirmations_after', () => resendPendingConfirmations(confirmationDeps(repos.agreements, NOW), NOW));
    out.push(['confirmations_sent', confirmed]);
    await measure('confirmations_before', () => resendPendingConfirmations(confirmationDeps(plain.agreements, NOW), NOW));
    await measure('confirmations_after_next', () => resendPendingConfirmations(confirmationDeps(repos.agreements, NEXT), NEXT));

    // ── 4. The filing backstop ──────────────────────────────────────────────────────────────
    await measure('filing_backstop_after', () => enqueueUnfiledRecords({ ...repos, queue: filingQueue, now: () => NOW }));
    out.push(['filing_queued_after', queued.length]);
    queued.length = 0;
    await measure('filing_backstop_before', () => enqueueUnfiledRecords({ ...plain, queue: filingQueue, now: () => NOW }));
    out.push(['filing_queued_before', queued.length]);

    // ── 5. Teams' meeting-end event, by join URL ────────────────────────────────────────────
    const half = Math.floor(STAFF / 40) * 20 + 10; // an agreement half-way down with a 10:00 meeting today
    const joinUrl = sessionsOf(half).find((s) => s.date === TODAY)?.joinUrl ?? '';
    let outcome = '';
    await measure('meeting_end_after', async () => (outcome = await recordCardForMeetingEnd(recordDeps(repos, NOW), joinUrl)));
    out.push(['meeting_end_outcome', outcome]);
    await measure('meeting_end_before', () => recordCardForMeetingEnd(recordDeps(plain, NOW), joinUrl));

    // ── 6. The milestone-card pass (issue 14), after today's 14:00 PDRs ─────────────────────
    const AFTER_PDRS = '2026-12-15T15:20:00Z';
    const plainMilestones = new MilestoneRepository(repos.milestones.table);
    let milestoneCards = 0;
    const milestoneDeps = (r: typeof plain, m: MilestoneRepository, now: string) => ({ ...recordDeps(r, now), milestones: m, deliverCard: async () => (milestoneCards++, 'delivered' as const) });
    await measure('milestone_cards_after', () => dueMilestoneCards(milestoneDeps(repos, repos.milestones, AFTER_PDRS), AFTER_PDRS));
    out.push(['milestone_cards_sent', milestoneCards]);
    await measure('milestone_cards_before', () => dueMilestoneCards(milestoneDeps(plain, plainMilestones, AFTER_PDRS), AFTER_PDRS));
    await measure('milestone_cards_after_next', () => dueMilestoneCards(milestoneDeps(repos, repos.milestones, '2026-12-15T15:25:00Z'), '2026-12-15T15:25:00Z'));

    out.push(['peak_rss_mb', Math.round(process.resourceUsage().maxRSS / 1024)]);
    for (const [name, value] of out) process.stdout.write(`${name}: ${value}\n`);
  } finally {
    await azurite.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:passes failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
