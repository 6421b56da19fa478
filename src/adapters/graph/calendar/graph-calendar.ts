import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { Event, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { formatInstant, parseInstant } from '../../../domain/calendar/instant.js';
import { AppError, type ErrorCode } from '../../../domain/errors.js';
import type { CalendarEventChange, CalendarGateway, CreatedCalendarEvent, NewCalendarEvent } from '../../../domain/ports/calendar.js';
import type { BusyInterval } from '../../../domain/schedule/types.js';
import { silentLogger, type Logger } from '../../../observability/logger.js';
import { batchSizes, OUTLOOK_TIME_ZONE, toGraphEvent, type LondonZoneName } from './event-payload.js';
import { MailboxLimiter } from './mailbox-limiter.js';
import { defaultRetryPolicy, judge, type RetryPolicy, type Verdict } from './retry-policy.js';

/** Graph's JSON batching limit (concepts/json-batching.md "Batch size limitations"). */
export const MAX_BATCH_REQUESTS = 20;
/** Exchange's concurrent-request limit per app and mailbox (concepts/throttling-limits.md, Outlook). */
export const MAX_CONCURRENT_PER_MAILBOX = 4;
/** getSchedule refuses windows of 62 days or more (calendar-getschedule.md); 8 weeks stays clear of it. */
export const SCHEDULE_WINDOW_DAYS = 56;
const SCHEDULES_PER_REQUEST = 20;
const DAY_MS = 86_400_000;

export interface GraphCalendarOptions {
  /** From createGraphClient (src/adapters/graph/graph-client.ts). */
  readonly client: Client;
  readonly maxConcurrentPerMailbox?: number;
  readonly maxBatchSize?: number;
  /** Fewest creates worth a batch of their own when spreading work across a mailbox's slots. */
  readonly minBatchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly scheduleWindowDays?: number;
  /** Share one limiter between adapter instances that talk to the same tenant. */
  readonly limiter?: MailboxLimiter;
  readonly log?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How event times are labelled (default 'Europe/London'); both names mean London time. */
  readonly timeZone?: LondonZoneName;
}

export interface CreateEventsOptions {
  /**
   * Called after each batch with the events it created, before createEvents returns, so a caller
   * can record progress (a crash then loses at most the batches in flight, and even those are
   * recovered without duplicates by their transactionId).
   */
  readonly onCreated?: (created: readonly CreatedCalendarEvent[]) => Promise<void> | void;
}

/** What this adapter instance has sent, for benchmarks and tests. */
export interface GraphCalendarStats {
  /** HTTP requests sent (a $batch counts once). */
  httpRequests: number;
  /** $batch requests carrying event creates. */
  eventBatches: number;
  /** Event creates sent inside batches, resends included. */
  eventSubRequests: number;
  scheduleRequests: number;
  /** 429s received, at the top level or inside a batch. */
  throttled: number;
  /** Resends after a 429, a 5xx, a 424 or a timeout. */
  retries: number;
  /** Why requests were resent (e.g. 'HTTP 503', 'throttled (429)', 'no response (timeout or network)'). */
  retryReasons: Record<string, number>;
}

interface Pending {
  readonly index: number;
  readonly event: NewCalendarEvent;
  attempts: number;
  notBefore: number;
  lastError: string;
}

interface ScheduleQuery {
  /** The mailbox the call goes through (and is charged to). */
  readonly viewer: string;
  readonly schedules: readonly string[];
  readonly start: number;
  readonly end: number;
}

interface BatchResponse {
  responses?: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

type Outcome =
  | { readonly item: Pending; readonly verdict: Verdict; readonly created?: CreatedCalendarEvent };

const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Graph client's RetryHandler is switched off for every request sent here: it would retry
 * a whole $batch on a top-level 429/503/504 (resending sub-requests that already succeeded),
 * it cannot see the 429s inside a batch's 200 at all, and it sleeps while this adapter still
 * holds the mailbox's concurrency slot. This adapter retries instead, per sub-request, obeying
 * Retry-After with the slot released.
 */
const noClientRetry = (): RetryHandlerOptions[] => [new RetryHandlerOptions(0, 0)];

function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status > 0 ? status : -1;
}

function retryAfterOf(error: unknown): string | null {
  const headers = (error as { headers?: unknown } | null)?.headers;
  if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get('retry-after');
  return null;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function codeFor(status: number): ErrorCode {
  if (status === 429) return 'throttled';
  if (status === -1 || status === 408 || status >= 500) return 'unavailable';
  if (status === 404) return 'not_found';
  if (status === 400) return 'invalid_input';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 409) return 'conflict';
  if (status === 412) return 'precondition_failed';
  return 'internal';
}

/** Graph's dateTimeTimeZone in UTC ('2026-03-11T10:00:00.0000000') as an ISO instant with Z. */
function utcInstant(dateTime: string | null | undefined): string | undefined {
  if (!dateTime) return undefined;
  const trimmed = dateTime.replace(/(\.\d{3})\d*/, '$1');
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  return formatInstant(parseInstant(withZone));
}

function graphUtc(iso: string): string {
  return formatInstant(parseInstant(iso)).replace(/Z$/, '');
}

export class GraphCalendar implements CalendarGateway {
  private readonly client: Client;
  private readonly limiter: MailboxLimiter;
  private readonly policy: RetryPolicy;
  private readonly maxBatch: number;
  private readonly minBatch: number;
  private readonly windowDays: number;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly addresses = new Map<string, Promise<string>>();
  private readonly timeZone: LondonZoneName;
  readonly stats: GraphCalendarStats = { httpRequests: 0, eventBatches: 0, eventSubRequests: 0, scheduleRequests: 0, throttled: 0, retries: 0, retryReasons: {} };

  constructor(options: GraphCalendarOptions) {
    this.client = options.client;
    this.limiter = options.limiter ?? new MailboxLimiter(options.maxConcurrentPerMailbox ?? MAX_CONCURRENT_PER_MAILBOX);
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.maxBatch = Math.min(MAX_BATCH_REQUESTS, Math.max(1, options.maxBatchSize ?? MAX_BATCH_REQUESTS));
    this.minBatch = Math.max(1, options.minBatchSize ?? 10);
    this.windowDays = Math.min(61, Math.max(1, options.scheduleWindowDays ?? SCHEDULE_WINDOW_DAYS));
    this.log = options.log ?? silentLogger;
    this.sleep = options.sleep ?? sleepMs;
    this.timeZone = options.timeZone ?? OUTLOOK_TIME_ZONE;
  }

  // ---------------------------------------------------------------- free/busy

  async busy(mailboxIds: readonly string[], fromUtc: string, toUtc: string): Promise<ReadonlyMap<string, readonly BusyInterval[]>> {
    const out = new Map<string, BusyInterval[]>();
    if (mailboxIds.length === 0) return out;
    const from = parseInstant(fromUtc);
    const to = parseInstant(toUtc);
    if (!(to > from)) throw new AppError('invalid_input', 'busy: the window must end after it starts');
    const ids = [...new Set(mailboxIds)];
    for (const id of ids) out.set(id, []);
    const addressOf = new Map<string, string>();
    await Promise.all(ids.map(async (id) => addressOf.set((await this.smtpAddress(id)).toLowerCase(), id)));
    const windows: Array<[number, number]> = [];
    for (let start = from; start < to; start += this.windowDays * DAY_MS) windows.push([start, Math.min(to, start + this.windowDays * DAY_MS)]);
    const groups: string[][] = [];
    const addresses = [...addressOf.keys()];
    for (let i = 0; i < addresses.length; i += SCHEDULES_PER_REQUEST) groups.push(addresses.slice(i, i + SCHEDULES_PER_REQUEST));

    // getSchedule may be asked through any mailbox and is charged to that one: the windows are
    // spread over the people asked about, and sent as parallel $batch requests in which no
    // mailbox appears twice, so a year costs one round trip and stays within each mailbox's
    // four concurrent requests.
    const queries: ScheduleQuery[] = windows.flatMap(([start, end], w) =>
      groups.map((schedules, g) => ({ viewer: ids[(w * groups.length + g) % ids.length] as string, schedules, start, end })),
    );
    const answers = await this.scheduleQueries(queries);
    for (const answer of answers) {
      for (const info of answer.value ?? []) {
        const id = addressOf.get((info.scheduleId ?? '').toLowerCase());
        if (id === undefined) continue;
        if (info.error) {
          throw new AppError(info.error.responseCode === 'ErrorMailRecipientNotFound' ? 'not_found' : 'unavailable', `free/busy unavailable for a person (${info.error.responseCode ?? 'error'})`);
        }
        const list = out.get(id) as BusyInterval[];
        for (const item of info.scheduleItems ?? []) {
          if (!isBusy(item)) continue;
          const start = utcInstant(item.start?.dateTime);
          const end = utcInstant(item.end?.dateTime);
          if (start && end) list.push({ start, end });
        }
      }
    }
    for (const [id, list] of out) out.set(id, mergeIntervals(list));
    return out;
  }

  /**
   * Remembers a person's mailbox address already read from the directory (the booking reads
   * both people for their names), so busy() need not ask Graph for it again.
   */
  knowAddress(id: string, address: string): void {
    if (!this.addresses.has(id)) this.addresses.set(id, Promise.resolve(address));
  }

  private async scheduleQueries(queries: readonly ScheduleQuery[]): Promise<Array<{ value?: ScheduleInformation[] }>> {
    const answers: Array<{ value?: ScheduleInformation[] }> = new Array(queries.length);
    let pending = queries.map((query, index) => ({ query, index, attempts: 0, notBefore: 0, lastError: '' }));
    while (pending.length > 0) {
      const now = Date.now();
      const ready = pending.filter((p) => p.notBefore <= now);
      if (ready.length === 0) {
        await this.sleep(Math.min(...pending.map((p) => p.notBefore)) - now);
        continue;
      }
      const batches: Array<typeof ready> = [];
      for (const p of ready) {
        const viewer = p.query.viewer.toLowerCase();
        let batch = batches.find((b) => b.length < this.maxBatch && !b.some((x) => x.query.viewer.toLowerCase() === viewer));
        if (!batch) batches.push((batch = []));
        batch.push(p);
      }
      const rounds = await Promise.all(batches.map((b) => this.sendScheduleBatch(b)));
      pending = pending.filter((p) => p.notBefore > now);
      for (const { item, verdict, value } of rounds.flat()) {
        if (verdict.kind === 'ok') {
          answers[item.index] = value ?? {};
          continue;
        }
        if (verdict.kind === 'fail') throw new AppError(codeFor(Number(/\d+/.exec(verdict.reason)?.[0] ?? 500)), `Graph getSchedule failed: ${verdict.reason}`);
        if (verdict.kind === 'retry') {
          item.lastError = verdict.reason;
          item.notBefore = Date.now() + verdict.delayMs;
        }
        if (item.attempts >= this.policy.maxAttempts) throw new AppError('unavailable', `Graph getSchedule failed after ${item.attempts} attempts: ${item.lastError}`);
        this.stats.retries++;
        const why = verdict.kind === 'retry' ? verdict.reason : 'HTTP 424 (not run)';
        this.stats.retryReasons[why] = (this.stats.retryReasons[why] ?? 0) + 1;
        pending.push(item);
      }
    }
    return answers;
  }

  /** One parallel $batch of getSchedule calls, one per mailbox, holding one slot in each. */
  private async sendScheduleBatch<P extends { query: ScheduleQuery; attempts: number }>(
    batch: readonly P[],
  ): Promise<Array<{ item: P; verdict: Verdict; value?: { value?: ScheduleInformation[] } }>> {
    const requests = batch.map((p, k) => ({
      id: String(k + 1),
      method: 'POST',
      url: `/users/${encodeURIComponent(p.query.viewer)}/calendar/getSchedule`,
      headers: { 'Content-Type': 'application/json', Prefer: 'outlook.timezone="UTC"' },
      body: {
        schedules: p.query.schedules,
        startTime: { dateTime: graphUtc(formatInstant(p.query.start)), timeZone: 'UTC' },
        endTime: { dateTime: graphUtc(formatInstant(p.query.end)), timeZone: 'UTC' },
        // Only scheduleItems are read; the widest slot keeps the availabilityView short.
        availabilityViewInterval: 1440,
      },
    }));
    // Slots are taken in mailbox order, so two batches can never each hold what the other waits for.
    const mailboxes = [...new Set(batch.map((p) => p.query.viewer.toLowerCase()))].sort();
    const releases: Array<() => void> = [];
    let answer: BatchResponse | undefined;
    let topStatus = 200;
    let topRetryAfter: string | null = null;
    try {
      for (const m of mailboxes) releases.push(await this.limiter.acquire(m));
      this.stats.httpRequests++;
      this.stats.scheduleRequests += batch.length;
      answer = (await this.client
        .api('/$batch')
        .middlewareOptions(noClientRetry())
        .option('signal', AbortSignal.timeout(this.policy.requestTimeoutMs))
        .post({ requests })) as BatchResponse;
    } catch (error) {
      topStatus = statusOf(error);
      topRetryAfter = retryAfterOf(error);
    } finally {
      for (const release of releases) release();
    }
    const now = Date.now();
    const byId = new Map((answer?.responses ?? []).map((r) => [String(r.id), r]));
    return batch.map((item, k) => {
      const response = answer ? byId.get(String(k + 1)) : undefined;
      const status = answer ? (response?.status ?? -1) : topStatus;
      if (status !== 424) item.attempts++;
      const verdict = judge(this.policy, status, answer ? headerValue(response?.headers, 'retry-after') : topRetryAfter, item.attempts, now);
      if (verdict.kind === 'retry' && verdict.throttled) {
        this.stats.throttled++;
        this.limiter.pause(item.query.viewer, now + verdict.delayMs);
      }
      return verdict.kind === 'ok' ? { item, verdict, value: response?.body as { value?: ScheduleInformation[] } } : { item, verdict };
    });
  }

  /** getSchedule takes SMTP addresses; the product knows people by Entra object id. */
  private smtpAddress(id: string): Promise<string> {
    if (id.includes('@')) return Promise.resolve(id);
    let known = this.addresses.get(id);
    if (!known) {
      known = this.single(id, 'user', async (signal) => {
        const user = (await this.client
          .api(`/users/${encodeURIComponent(id)}`)
          .select('id,mail,userPrincipalName')
          .middlewareOptions(noClientRetry())
          .option('signal', signal)
          .get()) as { mail?: string | null; userPrincipalName?: string | null };
        const address = user.mail ?? user.userPrincipalName;
        if (!address) throw new AppError('not_found', 'a person has no mailbox address');
        return address;
      });
      // A failed lookup is not remembered: the next call asks again.
      known.catch(() => this.addresses.delete(id));
      this.addresses.set(id, known);
    }
    return known;
  }

  // ---------------------------------------------------------------- creating events

  async createEvents(
    mailboxId: string,
    events: readonly NewCalendarEvent[],
    options: CreateEventsOptions = {},
  ): Promise<{ readonly created: readonly CreatedCalendarEvent[]; readonly failed: readonly { readonly transactionId: string; readonly error: string }[] }> {
    const created: Array<CreatedCalendarEvent | undefined> = new Array(events.length);
    const failed = new Map<number, string>();
    let pending: Pending[] = events.map((event, index) => ({ index, event, attempts: 0, notBefore: 0, lastError: '' }));

    while (pending.length > 0) {
      const now = Date.now();
      const ready = pending.filter((p) => p.notBefore <= now);
      if (ready.length === 0) {
        await this.sleep(Math.min(...pending.map((p) => p.notBefore)) - now);
        continue;
      }
      const later = pending.filter((p) => p.notBefore > now);
      const sizes = batchSizes(ready.length, { maxBatch: this.maxBatch, slots: this.limiter.slotsPerMailbox, minBatch: this.minBatch });
      const batches: Pending[][] = [];
      let at = 0;
      for (const size of sizes) {
        batches.push(ready.slice(at, at + size));
        at += size;
      }
      const rounds = await Promise.all(
        batches.map(async (batch) => {
          const outcomes = await this.sendBatch(mailboxId, batch);
          const done = outcomes.flatMap((o) => (o.created ? [o.created] : []));
          if (done.length > 0 && options.onCreated) await options.onCreated(done);
          return outcomes;
        }),
      );
      pending = later;
      for (const { item, verdict, created: made } of rounds.flat()) {
        if (verdict.kind === 'ok' && made) {
          created[item.index] = made;
        } else if (verdict.kind === 'fail') {
          failed.set(item.index, verdict.reason);
        } else if (verdict.kind === 'retry' || verdict.kind === 'not-run') {
          if (verdict.kind === 'retry') {
            item.lastError = verdict.reason;
            item.notBefore = Date.now() + verdict.delayMs;
          }
          const why = verdict.kind === 'retry' ? verdict.reason : 'HTTP 424 (not run)';
          this.stats.retryReasons[why] = (this.stats.retryReasons[why] ?? 0) + 1;
          if (item.attempts >= this.policy.maxAttempts) {
            failed.set(item.index, `gave up after ${item.attempts} attempts: ${item.lastError}`);
          } else {
            this.stats.retries++;
            pending.push(item);
          }
        }
      }
      pending.sort((a, b) => a.index - b.index);
    }

    if (failed.size > 0) this.log.warn('graph_calendar_create_failed', { failed: failed.size, requested: events.length });
    return {
      created: created.filter((c): c is CreatedCalendarEvent => c !== undefined),
      failed: [...failed].sort(([a], [b]) => a - b).map(([index, error]) => ({ transactionId: events[index]?.transactionId ?? '', error })),
    };
  }

  /** One sequential $batch (a dependsOn chain) holding one of the mailbox's slots. */
  private async sendBatch(mailboxId: string, batch: readonly Pending[]): Promise<Outcome[]> {
    const url = `/users/${encodeURIComponent(mailboxId)}/events`;
    const requests = batch.map((p, k) => ({
      id: String(k + 1),
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', Prefer: `outlook.timezone="${this.timeZone}"` },
      body: toGraphEvent(p.event, this.timeZone),
      ...(k > 0 ? { dependsOn: [String(k)] } : {}),
    }));
    const release = await this.limiter.acquire(mailboxId);
    let answer: BatchResponse | undefined;
    let topStatus = 200;
    let topRetryAfter: string | null = null;
    try {
      this.stats.httpRequests++;
      this.stats.eventBatches++;
      this.stats.eventSubRequests += batch.length;
      answer = (await this.client
        .api('/$batch')
        .middlewareOptions(noClientRetry())
        .option('signal', AbortSignal.timeout(this.policy.requestTimeoutMs * Math.max(1, batch.length)))
        .post({ requests })) as BatchResponse;
    } catch (error) {
      topStatus = statusOf(error);
      topRetryAfter = retryAfterOf(error);
    } finally {
      release();
    }

    const now = Date.now();
    if (!answer) {
      // The whole batch failed to arrive or to answer: some creates may have run. Each is
      // resent, and transactionId makes a resend of one that ran return the same event.
      if (topStatus === 429) this.stats.throttled++;
      return batch.map((item) => {
        item.attempts++;
        const verdict = judge(this.policy, topStatus, topRetryAfter, item.attempts, now);
        if (verdict.kind === 'retry' && verdict.throttled) this.limiter.pause(mailboxId, now + verdict.delayMs);
        return { item, verdict };
      });
    }

    const byId = new Map((answer.responses ?? []).map((r) => [String(r.id), r]));
    let throttledHere = false;
    const outcomes = batch.map((item, k): Outcome => {
      const response = byId.get(String(k + 1));
      const status = response?.status ?? -1;
      if (status !== 424) item.attempts++;
      const verdict = judge(this.policy, status, headerValue(response?.headers, 'retry-after'), item.attempts, now);
      if (verdict.kind === 'retry' && verdict.throttled) {
        this.stats.throttled++;
        throttledHere = true;
        this.limiter.pause(mailboxId, now + verdict.delayMs);
      }
      if (verdict.kind === 'fail') {
        const code = (response?.body as { error?: { code?: string } } | undefined)?.error?.code;
        return { item, verdict: { kind: 'fail', reason: `${verdict.reason}${code ? ` ${code}` : ''}` } };
      }
      if (verdict.kind !== 'ok') return { item, verdict };
      const event = (response?.body ?? {}) as Event;
      if (!event.id) return { item, verdict: { kind: 'retry', delayMs: 0, throttled: false, reason: 'created event without an id' } };
      return {
        item,
        verdict,
        created: {
          transactionId: item.event.transactionId,
          eventId: event.id,
          joinUrl: event.onlineMeeting?.joinUrl ?? undefined,
          webLink: event.webLink ?? undefined,
        },
      };
    });
    if (throttledHere) this.log.info('graph_calendar_throttled', { batch: batch.length });
    return outcomes;
  }

  // ---------------------------------------------------------------- cancelling and following changes

  async cancelEvent(mailboxId: string, eventId: string, comment: string): Promise<void> {
    let attempt = 0;
    await this.single(
      mailboxId,
      'cancel',
      (signal) => {
        attempt++;
        return this.client
          .api(`/users/${encodeURIComponent(mailboxId)}/events/${encodeURIComponent(eventId)}/cancel`)
          .middlewareOptions(noClientRetry())
          .option('signal', signal)
          .post({ comment }) as Promise<unknown>;
      },
      // A resend after a lost answer finds the event already cancelled (gone): that is success.
      (status) => status === 404 && attempt > 1,
    );
  }

  async changes(
    mailboxId: string,
    token: string | undefined,
    window: { fromUtc: string; toUtc: string },
  ): Promise<{ readonly changes: readonly CalendarEventChange[]; readonly nextToken: string }> {
    const changes: CalendarEventChange[] = [];
    let link =
      token ??
      `/users/${encodeURIComponent(mailboxId)}/calendarView/delta?startDateTime=${encodeURIComponent(formatInstant(parseInstant(window.fromUtc)))}&endDateTime=${encodeURIComponent(formatInstant(parseInstant(window.toUtc)))}`;
    for (;;) {
      const page = await this.single(mailboxId, 'delta', (signal) =>
        this.client
          .api(link)
          .header('Prefer', 'outlook.timezone="UTC", odata.maxpagesize=100')
          .middlewareOptions(noClientRetry())
          .option('signal', signal)
          .get() as Promise<{ value?: Array<Event & { '@removed'?: unknown }>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>,
      );
      for (const item of page.value ?? []) {
        if (!item.id) continue;
        changes.push(toChange(item));
      }
      if (page['@odata.nextLink']) {
        link = page['@odata.nextLink'];
        continue;
      }
      if (!page['@odata.deltaLink']) throw new AppError('unavailable', 'calendar delta ended without a deltaLink');
      return { changes, nextToken: page['@odata.deltaLink'] };
    }
  }

  // ---------------------------------------------------------------- one request, retried

  private async single<T>(mailboxId: string, op: string, send: (signal: AbortSignal) => Promise<T>, acceptFailure?: (status: number) => boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const release = await this.limiter.acquire(mailboxId);
      let status = 200;
      let retryAfter: string | null = null;
      let failure: unknown;
      try {
        this.stats.httpRequests++;
        return await send(AbortSignal.timeout(this.policy.requestTimeoutMs));
      } catch (error) {
        if (error instanceof AppError) throw error;
        failure = error;
        status = statusOf(error);
        retryAfter = retryAfterOf(error);
      } finally {
        release();
      }
      if (acceptFailure?.(status)) return undefined as T;
      const now = Date.now();
      const verdict = judge(this.policy, status, retryAfter, attempt, now);
      if (verdict.kind === 'retry' && verdict.throttled) {
        this.stats.throttled++;
        this.limiter.pause(mailboxId, now + verdict.delayMs);
      }
      if (verdict.kind !== 'retry' || attempt >= this.policy.maxAttempts) {
        const code = (failure as { code?: unknown } | null)?.code;
        throw new AppError(codeFor(status), `Graph ${op} failed: ${status === -1 ? 'no response' : `HTTP ${status}`}${typeof code === 'string' ? ` ${code}` : ''}${attempt > 1 ? ` after ${attempt} attempts` : ''}`);
      }
      this.stats.retries++;
      this.stats.retryReasons[verdict.reason] = (this.stats.retryReasons[verdict.reason] ?? 0) + 1;
      await this.sleep(verdict.delayMs);
    }
  }
}

/** busy, tentative and out-of-office block a session; free and workingElsewhere do not. */
function isBusy(item: ScheduleItem): boolean {
  const status = String(item.status ?? 'busy').toLowerCase();
  return status === 'busy' || status === 'tentative' || status === 'oof';
}

function mergeIntervals(list: readonly BusyInterval[]): BusyInterval[] {
  const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: BusyInterval[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) {
      if (b.end > last.end) out[out.length - 1] = { start: last.start, end: b.end };
    } else {
      out.push(b);
    }
  }
  return out;
}

function toChange(item: Event & { '@removed'?: unknown }): CalendarEventChange {
  const id = item.id as string;
  const transactionId = item.transactionId ?? undefined;
  if (item['@removed'] !== undefined) return { eventId: id, transactionId, kind: 'deleted' };
  const startUtc = utcInstant(item.start?.dateTime);
  const endUtc = utcInstant(item.end?.dateTime);
  const times = { startUtc, endUtc };
  if (item.isCancelled) return { eventId: id, transactionId, kind: 'cancelled', ...times };
  const declined = (item.attendees ?? []).some((a) => a.status?.response === 'declined');
  return { eventId: id, transactionId, kind: declined ? 'declined' : 'updated', ...times };
}
