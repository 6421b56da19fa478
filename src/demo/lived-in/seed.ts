/**
 * A lived-in council on a fresh sandbox (issue 15 item 1): the story of story.ts acted out through
 * the product's own use cases — agreements drafted and signed, years booked into Outlook, agendas
 * prepared, records written, shared, signed (or disputed) and filed in SharePoint, sessions
 * postponed, actions kept or left open, and the daily sweep's reminders and escalations — on a
 * clock that runs from the start of the supervision year to now. Nothing is written by hand, so
 * what people find is always what the product itself would have made.
 *
 * Deterministic: the same start day gives the same people, dates, ids and words. Resumable: a
 * marker row holds the story's start; a run cut short by a crash is run again from the top, and
 * every step checks what is already there (each use case is idempotent for the same ids).
 */
import { z } from 'zod';
import { agreementView, bookingConfirmation } from '../../conversation/agreements/present.js';
import { recordCardReply } from '../../conversation/records/flow.js';
import { card, text } from '../../conversation/reply.js';
import type { SandboxConfig } from '../../config/schema.js';
import { termsHash } from '../../domain/agreements/state-machine.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addDays, addMonths } from '../../domain/calendar/local-date.js';
import { londonToUtcMs, utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { addWorkingDays } from '../../domain/calendar/working-calendar.js';
import { fieldIds } from '../../domain/records/form.js';
import { filedNotices } from '../../jobs/filing/notice.js';
import { processFilingJob } from '../../jobs/filing/process-filing.js';
import { runSweep } from '../../jobs/sweep/run-sweep.js';
import { errorFields } from '../../observability/error-fields.js';
import { silentLogger, type Logger } from '../../observability/logger.js';
import type { DemoOrg, DemoPerson } from '../../sandbox/demo-org.js';
import { stableGuid } from '../../sandbox/demo-org.js';
import { addAgendaItem } from '../../usecases/agenda/agenda.js';
import { savePreparation } from '../../usecases/agenda/preparation.js';
import { deliverBookingConfirmation } from '../../usecases/agreements/confirm-booking.js';
import { noteDelivery } from '../../usecases/agreements/review-agreement.js';
import { signAgreement } from '../../usecases/agreements/sign-agreement.js';
import { startAgreement } from '../../usecases/agreements/start-agreement.js';
import { processBookingJob } from '../../usecases/booking/book-agreement-year.js';
import { disagreeWithRecord } from '../../usecases/records/disagree-with-record.js';
import { recordSessionNotHeld } from '../../usecases/records/record-not-held.js';
import { recordSetup, slotIdsFor } from '../../usecases/records/record-context.js';
import { sendRecordCard } from '../../usecases/records/send-record-card.js';
import { shareRecord } from '../../usecases/records/share-record.js';
import { signRecord } from '../../usecases/records/sign-record.js';
import { actionTexts, agendaTopics, caseItems, decisions, discussions, pairs, supervisorTopics, YEAR_STARTED_DAYS_AGO, type Pair } from './story.js';
import { StoryClock, storyParts, type ChatSink, type StoryParts } from './wiring.js';

export interface LivedInInput {
  readonly connectionString: string;
  readonly graphBaseUrl: string;
  readonly org: DemoOrg;
  readonly config: SandboxConfig;
  /** The sandbox's first start: the story ends here. */
  readonly now: Date;
  /** Where the story's messages go (the sandbox chats); dropped when absent. */
  readonly sink?: ChatSink | undefined;
  readonly log?: Logger | undefined;
}

export interface LivedInReport {
  /** False when the story was already told on this sandbox (nothing done). */
  readonly seeded: boolean;
  readonly agreements: number;
  readonly sessionsHeld: number;
  readonly recordsFiled: number;
  readonly sweeps: number;
  /** Steps that failed (logged by name and code); what follows from them in their lane is skipped. */
  readonly failedSteps: number;
}

const STORY_VERSION = 1;
const ZMarker = z.object({ version: z.number(), storyEnd: z.string(), finishedAt: z.string().optional() });
const MARKER = { partition: 'demo', id: 'lived-in' };

/** Ids the story mints: the same label gives the same id on every run. */
function storyId(label: string): string {
  return stableGuid(`lived-in:${label}`);
}

function pick<T>(list: readonly T[], n: number): T {
  return list[((n % list.length) + list.length) % list.length] as T;
}

/**
 * One thing that happens in the story. A step of a lane (one relationship) runs on that lane's
 * time, beside other lanes; a step with no lane (a booking, the daily sweep) runs alone, on the
 * council's time, after everything before it: what it reads depends on every relationship.
 */
type Step = { readonly at: number; readonly order: number; readonly name: string; readonly lane: string | undefined; readonly run: () => Promise<void> };

export async function seedLivedInCouncil(input: LivedInInput): Promise<LivedInReport> {
  const log = input.log ?? silentLogger;
  const sink: ChatSink = input.sink ?? (() => undefined);
  const clock = new StoryClock(input.now.getTime());
  const parts = storyParts({ connectionString: input.connectionString, graphBaseUrl: input.graphBaseUrl, config: input.config, clock, sink, newId: () => storyId(clock.nextLabel()), log });
  const markers = parts.storage.versioned('demostory', ZMarker);
  await parts.storage.ensureCreated();
  const found = await markers.get(MARKER);
  if (found?.value.finishedAt) return { seeded: false, agreements: 0, sessionsHeld: 0, recordsFiled: 0, sweeps: 0, failedSteps: 0 };
  // A story cut short is told again to the same end, so its dates and ids are the same.
  const storyEnd = found?.value.storyEnd ?? input.now.toISOString();
  if (!found) await markers.upsert(MARKER, { version: STORY_VERSION, storyEnd });
  const endMs = Date.parse(storyEnd);

  const story = new Story(parts, input.org, clock, sink, endMs, log);
  const report = await story.tell();
  await markers.upsert(MARKER, { version: STORY_VERSION, storyEnd, finishedAt: new Date().toISOString() });
  return { seeded: true, ...report };
}

class Story {
  private readonly queue: Step[] = [];
  private order = 0;
  private held = 0;
  private filed = 0;
  private sweeps = 0;
  private agreements = 0;
  private failed = 0;
  /** Lanes a step failed in: the rest of that relationship's story would not make sense. */
  private readonly broken = new Set<string>();
  private readonly today: LocalDate;

  constructor(
    private readonly parts: StoryParts,
    private readonly org: DemoOrg,
    private readonly clock: StoryClock,
    private readonly sink: ChatSink,
    private readonly endMs: number,
    private readonly log: Logger,
  ) {
    this.today = utcToLondon(new Date(endMs).toISOString()).date;
  }

  private person(alias: string): DemoPerson {
    const p = this.org.people.find((x) => x.alias === alias);
    if (!p) throw new Error(`the story names ${alias}, who is not in the demo organisation`);
    return p;
  }

  private at(date: LocalDate, time: string): number {
    return londonToUtcMs(date, time);
  }

  /** A step at a moment of the story; steps after the story's end are left for the people to take. */
  private plan(lane: string | undefined, at: number, name: string, run: () => Promise<void>): void {
    if (at >= this.endMs) return;
    this.queue.push({ at, order: this.order++, name, lane, run });
  }

  private async run(step: Step): Promise<void> {
    if (step.lane !== undefined && this.broken.has(step.lane)) return;
    this.clock.set(step.at);
    try {
      await step.run();
    } catch (error) {
      // One relationship's mishap leaves the rest of the council's story standing.
      this.failed += 1;
      if (step.lane !== undefined) this.broken.add(step.lane);
      this.log.warn('demo.story_step_failed', { step: step.name.split(' ')[0] ?? 'step', ...errorFields(error) });
    }
  }

  /** The earliest step of a lane before `limit`, taken off the queue. */
  private takeNext(lane: string, limit: number): Step | undefined {
    let best = -1;
    this.queue.forEach((s, i) => {
      const b = this.queue[best];
      if (s.lane === lane && s.at < limit && (!b || s.at < b.at || (s.at === b.at && s.order < b.order))) best = i;
    });
    return best < 0 ? undefined : this.queue.splice(best, 1)[0];
  }

  async tell(): Promise<Omit<LivedInReport, 'seeded'>> {
    // The 12th of the month about four months back: agreement years then never end a day or two
    // into a month, where the last, cut-short period would leave one possible day for a session.
    const back = addDays(this.today, -YEAR_STARTED_DAYS_AGO);
    const yearStart = `${back.slice(0, 8)}12`;
    for (const pair of pairs) this.planAgreement(pair, yearStart);
    this.planSweeps();
    while (this.queue.length > 0) {
      this.queue.sort((a, b) => a.at - b.at || a.order - b.order);
      const first = this.queue[0] as Step;
      if (first.lane === undefined) {
        this.queue.shift();
        await this.run(first);
        continue;
      }
      // Every lane up to the next step that runs alone, side by side; a step may plan more.
      const limit = this.queue.find((s) => s.lane === undefined)?.at ?? Number.POSITIVE_INFINITY;
      const lanes = [...new Set(this.queue.filter((s) => s.at < limit).map((s) => s.lane as string))];
      await Promise.all(lanes.map((lane) => this.clock.inLane(lane, first.at, async () => {
        for (let step = this.takeNext(lane, limit); step; step = this.takeNext(lane, limit)) await this.run(step);
      })));
    }
    this.clock.set(this.endMs);
    return { agreements: this.agreements, sessionsHeld: this.held, recordsFiled: this.filed, sweeps: this.sweeps, failedSteps: this.failed };
  }

  // ── the agreement and its year ──────────────────────────────────────────────────────────

  private planAgreement(pair: Pair, yearStart: LocalDate): void {
    const supervisor = this.person(pair.supervisor);
    const supervisee = this.person(pair.supervisee);
    const employmentStart = supervisee.employeeHireDate.slice(0, 10);
    // An agreement still waiting for its supervisee was drafted on the last working day and starts next week.
    const waiting = pair.ending === 'awaiting-agreement';
    let agreementDate = pair.fromEmployment ? employmentStart : waiting ? addDays(this.today, 7) : addDays(yearStart, pair.startOffsetDays);
    while (!this.parts.workingDays.isWorkingDay(agreementDate)) agreementDate = addDays(agreementDate, 1);
    const drafted = waiting ? this.at(addWorkingDays(this.parts.workingDays, this.today, -1), '09:15') : this.at(addDays(agreementDate, -5), '09:15');
    const agreementId = storyId(`agreement:${pair.supervisor}:${pair.supervisee}`);
    const lane = laneOf(pair);
    // The supervisor's own manager hears of disagreements (the form's default).
    const senior = supervisor.managerAlias ? this.person(supervisor.managerAlias) : undefined;
    this.plan(lane, drafted, `agreement ${pair.supervisee}`, async () => {
      const deps = this.parts.agreementDeps;
      const role = this.parts.pack.roles.some((r) => r.id === pair.rolePhase.split('/')[0]) ? pair.rolePhase : '';
      const result = await startAgreement(deps, { id: supervisor.id, displayName: supervisor.displayName }, {
        agreementId, superviseeId: supervisee.id, rolePhase: role, employmentStart, agreementDate,
        weekday: String(pair.weekday), time: pair.time, minutes: String(pair.minutes), format: 'teams', location: '',
        keyTasks: keyTasksFor(supervisee), othersWhoMaySee: '', seniorManagerId: senior?.id ?? '', reviewDate: addMonths(agreementDate, 12),
      });
      if (result.kind === 'invalid') throw new Error(`the story's agreement for ${pair.supervisee} is invalid: ${Object.keys(result.errors).join(', ')}`);
      const agreement = result.agreement;
      const sent = await noteDelivery(deps, agreement.id, 'delivered');
      this.sink(supervisee.id, [card(await agreementView(sent, supervisee.id, deps), `${supervisor.displayName} sent you a supervision agreement to review`)], this.clock.iso());
      if (pair.ending === 'awaiting-agreement') return;
      this.plan(lane, drafted + 26 * 3600_000, `supervisee signs ${pair.supervisee}`, () => this.signAgreement(agreement.id, supervisee));
      this.plan(undefined, drafted + 30 * 3600_000, `supervisor signs ${pair.supervisee}`, () => this.signAndBook(agreement.id, pair, supervisor));
    });
  }

  private async signAgreement(agreementId: string, signer: DemoPerson): Promise<void> {
    const agreement = await this.parts.repos.agreements.require(agreementId);
    if (agreement.signatures.supervisee) return;
    await signAgreement(this.parts.agreementDeps, { id: signer.id, name: signer.displayName }, agreementId, termsHashOf(agreement));
  }

  private async signAndBook(agreementId: string, pair: Pair, supervisor: DemoPerson): Promise<void> {
    const before = await this.parts.repos.agreements.require(agreementId);
    if (!before.signatures.supervisor) await signAgreement(this.parts.agreementDeps, { id: supervisor.id, name: supervisor.displayName }, agreementId, termsHashOf(before));
    // What the booking job does when the queue hands it the agreement.
    await processBookingJob(this.parts.bookingDeps, agreementId);
    this.agreements += 1;
    await deliverBookingConfirmation(this.parts.agreementDeps, agreementId, async (agreement, sessions, personId) => {
      this.sink(personId, [card(bookingConfirmation(agreement, sessions, personId), 'Your year of supervision is booked')], this.clock.iso());
      return 'delivered';
    });
    const sessions = (await this.parts.repos.agreements.sessions(agreementId)).sort((a, b) => (a.startUtc < b.startUtc ? -1 : 1));
    this.planSessions(pair, agreementId, sessions);
  }

  // ── each session ────────────────────────────────────────────────────────────────────────

  private planSessions(pair: Pair, agreementId: string, sessions: readonly PlannedSession[]): void {
    const past = sessions.filter((s) => Date.parse(s.endUtc) + 20 * 60_000 < this.endMs);
    const last = past.length - 1;
    past.forEach((s, i) => {
      const next = sessions[sessions.indexOf(s) + 1];
      // The supervisee prepares: an item or two on the agenda, last time's actions marked done.
      const keepOpen = pair.overdueAction === true && i === last;
      this.plan(laneOf(pair), Date.parse(s.startUtc) - 3 * 86_400_000 + 6 * 3600_000, `agenda ${s.sessionId}`, () => this.prepare(pair, agreementId, s, i, keepOpen));
      if (pair.ending === 'lapsed' && i === last - 1) {
        this.plan(laneOf(pair), Date.parse(s.endUtc) + 20 * 60_000, `record card ${s.sessionId}`, () => this.recordCard(agreementId, s));
        this.plan(laneOf(pair), Date.parse(s.endUtc) + 2 * 3600_000, `not held ${s.sessionId}`, () => this.notHeld(pair, agreementId, s, 'The court hearing for case 2345678 was moved to the same morning; to be rebooked.'));
        return;
      }
      if (pair.ending === 'postponed' && i === last) {
        this.plan(laneOf(pair), Date.parse(s.endUtc) + 20 * 60_000, `record card ${s.sessionId}`, () => this.recordCard(agreementId, s));
        this.plan(laneOf(pair), Date.parse(s.endUtc) + 2 * 3600_000, `not held ${s.sessionId}`, () => this.notHeld(pair, agreementId, s, 'Farah was called to an urgent strategy meeting.'));
        return;
      }
      this.plan(laneOf(pair), Date.parse(s.endUtc) + 20 * 60_000, `record card ${s.sessionId}`, () => this.recordCard(agreementId, s));
      if (pair.ending === 'record-to-write' && i === last) return;
      const shareDay = addWorkingDays(this.parts.workingDays, s.date, 1);
      const shared = this.at(shareDay, '16:30');
      this.plan(laneOf(pair), shared, `share ${s.sessionId}`, () => this.share(pair, agreementId, s, i, next));
      if (pair.ending === 'awaiting-signature' && i === last) return;
      const answered = this.at(addWorkingDays(this.parts.workingDays, shareDay, 1), '11:15');
      if (pair.ending === 'disputed' && i === last) {
        this.plan(laneOf(pair), answered, `disagree ${s.sessionId}`, () => this.disagree(pair, agreementId, s));
        return;
      }
      this.plan(laneOf(pair), answered, `sign ${s.sessionId}`, () => this.sign(pair, agreementId, s));
    });
    // The session coming up already has something on its agenda.
    const coming = sessions.find((s) => Date.parse(s.startUtc) > this.endMs && s.status === 'booked');
    if (coming) {
      // Three days ahead, or the last working afternoon before today if the session is sooner.
      const lastWorkingDay = addWorkingDays(this.parts.workingDays, this.today, -1);
      const when = Math.min(Date.parse(coming.startUtc) - 3 * 86_400_000 + 6 * 3600_000, this.at(lastWorkingDay, '15:40'));
      this.plan(laneOf(pair), when, `next agenda ${coming.sessionId}`, () => this.prepare(pair, agreementId, coming, past.length, pair.overdueAction === true));
    }
  }

  private async prepare(pair: Pair, agreementId: string, s: PlannedSession, n: number, keepOldestOpen: boolean): Promise<void> {
    const deps = this.parts.agendaDeps;
    const supervisee = this.person(pair.supervisee);
    const supervisor = this.person(pair.supervisor);
    const target = { agreementId, sessionId: s.sessionId };
    const item = n % 3 === 1 ? pick(caseItems, n) : undefined;
    await addAgendaItem(deps, supervisee.id, target, item
      ? { itemId: storyId(`item:${s.sessionId}:1`), kind: 'case', caseRef: item.ref, text: item.text }
      : { itemId: storyId(`item:${s.sessionId}:1`), kind: 'topic', text: pick(agendaTopics, n + pair.weekday) });
    if (n % 2 === 0) await addAgendaItem(deps, supervisor.id, target, { itemId: storyId(`item:${s.sessionId}:2`), kind: 'topic', text: pick(supervisorTopics, n) });
    const open = (await this.parts.repos.records.actions(agreementId)).filter((a) => a.status === 'open').sort((a, b) => (a.due < b.due ? -1 : 1));
    const done = keepOldestOpen ? open.slice(1) : open;
    if (done.length === 0) return;
    await savePreparation(deps, supervisee.id, { ...target, answers: {}, actionUpdates: done.map((a) => ({ actionId: a.actionId, status: 'done' as const, note: 'Done.' })) });
  }

  private async recordCard(agreementId: string, s: PlannedSession): Promise<void> {
    await sendRecordCard({
      ...this.parts.recordDeps,
      deliverCard: async (record) => {
        this.sink(record.supervisor.id, [await recordCardReply(this.parts.recordDeps, record)], this.clock.iso());
        return 'delivered';
      },
    }, agreementId, s.sessionId);
  }

  private async share(pair: Pair, agreementId: string, s: PlannedSession, n: number, next: PlannedSession | undefined): Promise<void> {
    const deps = this.parts.recordDeps;
    const record = await this.parts.repos.records.require(agreementId, s.sessionId);
    if (record.versions.length > 0) return;
    const setup = await recordSetup(deps, record);
    const fields: Record<string, string> = {};
    setup.standingItems.forEach((item, i) => {
      fields[fieldIds.itemStatus(i)] = /budget|equality/i.test(item.text) && n % 2 === 1 ? 'not-applicable' : 'addressed';
    });
    const actionIds = slotIdsFor(record);
    const due = next ? addWorkingDays(this.parts.workingDays, next.date, -1) : addDays(s.date, 28);
    Object.assign(fields, {
      discussion: pick(discussions, n + pair.weekday),
      decisions: pick(decisions, n),
      personalIssues: n % 4 === 3 ? 'yes' : 'no',
      [fieldIds.actionText(0)]: pick(actionTexts, n + pair.startOffsetDays),
      [fieldIds.actionOwner(0)]: n % 3 === 2 ? 'supervisor' : 'supervisee',
      [fieldIds.actionDue(0)]: due,
      ...(next ? { nextMeetingDate: next.date } : {}),
    });
    const supervisor = this.person(pair.supervisor);
    const result = await shareRecord(deps, { id: supervisor.id, name: supervisor.displayName }, { agreementId, sessionId: s.sessionId, basedOn: 0, fields, actionIds });
    if (result.kind === 'invalid') throw new Error(`the story's record of ${s.sessionId} is invalid: ${Object.keys(result.errors).join(', ')}`);
    this.held += 1;
    const supervisee = this.person(pair.supervisee);
    this.sink(supervisee.id, [text(`${supervisor.displayName} signed and shared the record of your supervision; open it with "my records" to sign it.`)], this.clock.iso());
  }

  private async sign(pair: Pair, agreementId: string, s: PlannedSession): Promise<void> {
    const record = await this.parts.repos.records.require(agreementId, s.sessionId);
    const latest = record.versions.at(-1);
    if (!latest || record.status === 'final' || record.status === 'filed') return;
    const supervisee = this.person(pair.supervisee);
    const deps = { ...this.parts.recordDeps, onFinal: async () => undefined };
    const signed = await signRecord(deps, { id: supervisee.id, name: supervisee.displayName }, { agreementId, sessionId: s.sessionId, hash: latest.hash });
    if (signed.record.status !== 'final') return;
    // What the filing job does with the queued record, a few minutes later.
    this.clock.set(this.clock.millis + 4 * 60_000);
    const outcome = await processFilingJob(this.parts.filingDeps, { agreementId, sessionId: s.sessionId });
    if (outcome.status === 'filed') {
      this.filed += 1;
      for (const n of filedNotices(outcome.record)) this.sink(n.personId, [text(n.text)], this.clock.iso());
    }
  }

  private async disagree(pair: Pair, agreementId: string, s: PlannedSession): Promise<void> {
    const record = await this.parts.repos.records.require(agreementId, s.sessionId);
    const latest = record.versions.at(-1);
    if (!latest || record.status !== 'shared') return;
    const supervisee = this.person(pair.supervisee);
    await disagreeWithRecord(this.parts.recordDeps, { id: supervisee.id, name: supervisee.displayName }, {
      agreementId, sessionId: s.sessionId, hash: latest.hash,
      text: 'The action is due too soon: the safeguarding course is not running until next month.',
    });
    this.sink(this.person(pair.supervisor).id, [text(`${supervisee.displayName} disagreed with the record of their supervision; type "write record" to amend it.`)], this.clock.iso());
  }

  private async notHeld(pair: Pair, agreementId: string, s: PlannedSession, why: string): Promise<void> {
    const record = await this.parts.repos.records.get(agreementId, s.sessionId);
    if (!record || record.status !== 'draft') return;
    const supervisor = this.person(pair.supervisor);
    const allowed = this.parts.pack.postponement.allowedReasons;
    const reasonId = 'value' in allowed ? allowed.value[0]?.id : undefined;
    await recordSessionNotHeld(this.parts.recordDeps, { id: supervisor.id, name: supervisor.displayName }, { agreementId, sessionId: s.sessionId, outcome: 'postponed', reason: why, reasonId });
  }

  // ── the daily sweep ─────────────────────────────────────────────────────────────────────

  /** The sweep ran every working morning of the last month (reminders, nudges, escalations). */
  private planSweeps(): void {
    const settings = this.parts.sweepDeps?.settings;
    if (!settings) return;
    for (let d = addDays(this.today, -30); d <= this.today; d = addDays(d, 1)) {
      if (!this.parts.workingDays.isWorkingDay(d)) continue;
      this.plan(undefined, this.at(d, settings.sweepTime) + 5 * 60_000, `sweep ${d}`, async () => {
        const deps = this.parts.sweepDeps;
        if (!deps) return;
        const r = await runSweep(deps, { now: new Date(this.clock.millis), runId: storyId(`sweep:${d}`) });
        if (r.ran) this.sweeps += 1;
      });
    }
  }
}

/** The hash the agreement card shows and the signer's button carries. */
function termsHashOf(agreement: Agreement): string {
  return termsHash(agreement);
}

function laneOf(pair: Pair): string {
  return `${pair.supervisor}-${pair.supervisee}`;
}

function keyTasksFor(p: DemoPerson): string {
  if (p.role === 'newly-qualified-social-worker') return 'ASYE caseload (protected), assessments with a co-worker, the ASYE portfolio';
  if (p.role === 'team-manager') return 'Management of the team, duty oversight, allocation, performance and audit';
  if (p.role === 'service-manager') return 'Management of the service, its team managers, budget and performance';
  if (p.role === 'personal-adviser') return 'Pathway plans for care leavers, accommodation and employment support';
  return 'Assessments and child in need plans; duty one day a week';
}
