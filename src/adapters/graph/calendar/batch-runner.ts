/**
 * The one place the calendar sends Graph JSON batches (Graph docs, concepts/json-batching.md):
 * up to 20 sub-requests in one POST /$batch, each answered inside the batch's 200 with its own
 * status and headers. A throttled or failed sub-request is resent on its own, after its own
 * Retry-After or backoff (the retry module's, through retry-policy.ts), in a later batch; the ones
 * that succeeded are never sent again. A batch that gets no answer at all is resent whole: its
 * writes carry an idempotency key (transactionId), so a create that did run is found, not repeated.
 */
import { AppError } from '../../../domain/errors.js';
import { graphErrorOf, reportAccessDenied } from '../access-denied.js';
import { countRetry } from './calendar-stats.js';
import { noClientRetry, retryAfterOf, statusOf, type CalendarContext } from './graph-request.js';
import { judge } from './retry-policy.js';

/** Graph's JSON batching limit (concepts/json-batching.md "Batch size limitations"). */
export const MAX_BATCH_REQUESTS = 20;

export interface SubRequest {
  readonly method: string;
  /** Relative to the version root, e.g. /users/{id}/events. */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * How ready sub-requests are put into batches. Graph's advice (json-batching.md "Sequencing
 * requests") is that a batch be wholly sequential or wholly parallel:
 * - sequential: a dependsOn chain, run one at a time on the server, so it holds one concurrency
 *   slot of its mailbox; `sizes` splits the ready requests into chains;
 * - parallel: independent sub-requests with no mailbox twice in a batch, so a batch holds one
 *   slot in each mailbox it touches.
 */
export type Batching =
  | { readonly kind: 'sequential'; readonly sizes: (ready: number) => readonly number[] }
  | { readonly kind: 'parallel'; readonly maxBatch: number };

export interface BatchPlan<I, R> {
  readonly batching: Batching;
  /** The mailbox a sub-request is charged to: its slot is held, and a 429 pauses it. */
  mailboxOf(item: I): string;
  request(item: I): SubRequest;
  /** The value of a 2xx answer, or undefined when it lacks what was asked for (it is resent). */
  read(item: I, body: unknown): R | undefined;
  /** Why an answer read() refused is resent ('created event without an id'). */
  readonly incompleteReason: string;
  /** Once per $batch sent, before it goes (statistics). */
  onSend?(items: readonly I[]): void;
  /** With each batch's successes as soon as it answers, before runBatches returns. */
  onBatchDone?(values: readonly R[]): Promise<void> | void;
  /** A sub-request that failed for good; throwing here stops the run (free/busy needs every answer). */
  onFailure?(failure: SubRequestFailure, item: I): void;
}

export interface SubRequestFailure {
  /** The last status answered; -1 for none (network error or our timeout). */
  readonly status: number;
  /** 'HTTP 400 ErrorInvalidRecipients', 'HTTP 503', 'throttled (429)'. */
  readonly reason: string;
  readonly attempts: number;
  /** True when it was still failing in a retryable way as the attempts (or the time) ran out. */
  readonly gaveUp: boolean;
}

export type SubRequestResult<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly failure: SubRequestFailure };

interface Pending<I> {
  readonly index: number;
  readonly item: I;
  /** Tries that ran (a 424 "not run" spends none). */
  attempts: number;
  firstSentAt: number | undefined;
  notBefore: number;
}

type Outcome<R> =
  | { readonly kind: 'done'; readonly value: R }
  | { readonly kind: 'failed'; readonly failure: SubRequestFailure }
  | { readonly kind: 'resend'; readonly reason: string; readonly delayMs: number };

interface BatchAnswer {
  responses?: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function graphErrorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Ready requests into batches, in order. */
function group<I>(ready: readonly Pending<I>[], batching: Batching, mailboxOf: (item: I) => string): Pending<I>[][] {
  if (batching.kind === 'sequential') {
    const batches: Pending<I>[][] = [];
    let at = 0;
    for (const size of batching.sizes(ready.length)) {
      batches.push(ready.slice(at, at + size));
      at += size;
    }
    return batches;
  }
  const limit = Math.min(MAX_BATCH_REQUESTS, Math.max(1, batching.maxBatch));
  const batches: Array<{ items: Pending<I>[]; mailboxes: Set<string> }> = [];
  for (const p of ready) {
    const mailbox = mailboxOf(p.item).toLowerCase();
    let batch = batches.find((b) => b.items.length < limit && !b.mailboxes.has(mailbox));
    if (!batch) batches.push((batch = { items: [], mailboxes: new Set() }));
    batch.items.push(p);
    batch.mailboxes.add(mailbox);
  }
  return batches.map((b) => b.items);
}

/**
 * Sends every item through as many $batch rounds as it takes. Results come back in input order:
 * each the value read from its answer, or the failure that ended it (a refusal, or retries spent).
 */
export async function runBatches<I, R>(context: CalendarContext, items: readonly I[], plan: BatchPlan<I, R>): Promise<SubRequestResult<R>[]> {
  const results: Array<SubRequestResult<R> | undefined> = new Array(items.length);
  let pending: Pending<I>[] = items.map((item, index) => ({ index, item, attempts: 0, firstSentAt: undefined, notBefore: 0 }));
  while (pending.length > 0) {
    const now = Date.now();
    const ready = pending.filter((p) => p.notBefore <= now);
    if (ready.length === 0) {
      await context.sleep(Math.min(...pending.map((p) => p.notBefore)) - now);
      continue;
    }
    const later = pending.filter((p) => p.notBefore > now);
    const batches = group(ready, plan.batching, (item) => plan.mailboxOf(item));
    const rounds = await Promise.all(batches.map((batch) => sendBatch(context, batch, plan)));
    pending = later;
    for (const [p, outcome] of rounds.flat()) {
      if (outcome.kind === 'done') {
        results[p.index] = { ok: true, value: outcome.value };
      } else if (outcome.kind === 'failed') {
        results[p.index] = { ok: false, failure: outcome.failure };
        plan.onFailure?.(outcome.failure, p.item);
      } else {
        p.notBefore = Date.now() + outcome.delayMs;
        countRetry(context.stats, outcome.reason);
        pending.push(p);
      }
    }
    pending.sort((a, b) => a.index - b.index);
  }
  return results.map((r) => {
    if (!r) throw new AppError('internal', 'a batch sub-request was left without a result');
    return r;
  });
}

/** One $batch holding a slot in each of its mailboxes, and what became of each sub-request. */
async function sendBatch<I, R>(context: CalendarContext, batch: readonly Pending<I>[], plan: BatchPlan<I, R>): Promise<Array<[Pending<I>, Outcome<R>]>> {
  const { client, limiter, policy, stats } = context;
  const sequential = plan.batching.kind === 'sequential';
  const requests = batch.map((p, k) => ({
    id: String(k + 1),
    ...plan.request(p.item),
    ...(sequential && k > 0 ? { dependsOn: [String(k)] } : {}),
  }));
  // Slots are taken in mailbox order, so two batches can never each hold what the other waits for.
  const mailboxes = [...new Set(batch.map((p) => plan.mailboxOf(p.item).toLowerCase()))].sort();
  const releases: Array<() => void> = [];
  let answer: BatchAnswer | undefined;
  let topStatus = 200;
  let topRetryAfter: string | null = null;
  try {
    for (const m of mailboxes) releases.push(await limiter.acquire(m));
    const sentAt = Date.now();
    for (const p of batch) p.firstSentAt ??= sentAt;
    stats.httpRequests++;
    plan.onSend?.(batch.map((p) => p.item));
    // A sequential batch runs its requests one after another: each gets the whole timeout.
    const timeoutMs = policy.requestTimeoutMs * (sequential ? Math.max(1, batch.length) : 1);
    answer = (await client.api('/$batch').middlewareOptions(noClientRetry()).option('signal', AbortSignal.timeout(timeoutMs)).post({ requests })) as BatchAnswer;
  } catch (error) {
    topStatus = statusOf(error);
    topRetryAfter = retryAfterOf(error);
    if (topStatus === 429) stats.throttled++;
  } finally {
    for (const release of releases) release();
  }

  const now = Date.now();
  const byId = new Map((answer?.responses ?? []).map((r) => [String(r.id), r]));
  let throttledInside = false;
  const outcomes = batch.map((p, k): [Pending<I>, Outcome<R>] => {
    const response = answer ? byId.get(String(k + 1)) : undefined;
    // Without an answer every sub-request shares the batch's fate: it may or may not have run.
    const status = answer ? (response?.status ?? -1) : topStatus;
    const retryAfter = answer ? headerValue(response?.headers, 'retry-after') : topRetryAfter;
    if (status !== 424) p.attempts++;
    if (answer && status === 429) {
      stats.throttled++;
      throttledInside = true;
    }
    const verdict = judge(policy, status, retryAfter, p.attempts, now, now - (p.firstSentAt ?? now));
    switch (verdict.kind) {
      case 'ok': {
        const value = plan.read(p.item, response?.body);
        if (value !== undefined) return [p, { kind: 'done', value }];
        if (p.attempts >= policy.maxAttempts) return [p, { kind: 'failed', failure: { status, reason: plan.incompleteReason, attempts: p.attempts, gaveUp: true } }];
        return [p, { kind: 'resend', reason: plan.incompleteReason, delayMs: 0 }];
      }
      case 'not-run':
        return [p, { kind: 'resend', reason: 'HTTP 424 (not run)', delayMs: 0 }];
      case 'retry':
        // Graph's Retry-After is for the mailbox: everyone sharing the limiter waits it out.
        if (verdict.throttled) limiter.pause(plan.mailboxOf(p.item), now + verdict.delayMs);
        return [p, { kind: 'resend', reason: verdict.reason, delayMs: verdict.delayMs }];
      case 'fail': {
        const code = graphErrorCode(response?.body);
        if (status === 403) {
          // Refused inside a batch's 200: the client's 403 step never sees it, so it is reported here.
          const refusal = graphErrorOf(response?.body);
          reportAccessDenied(context.log, { method: requests[k]?.method ?? 'GET', url: requests[k]?.url ?? '', graphCode: refusal.code, message: refusal.message });
        }
        return [p, { kind: 'failed', failure: { status, reason: `${verdict.reason}${code ? ` ${code}` : ''}`, attempts: p.attempts, gaveUp: false } }];
      }
      case 'gave-up':
        return [p, { kind: 'failed', failure: { status, reason: verdict.reason, attempts: verdict.attempts, gaveUp: true } }];
    }
  });
  if (throttledInside) context.log.info('graph_calendar_throttled', { batch: batch.length });
  if (plan.onBatchDone) {
    const done = outcomes.flatMap(([, o]) => (o.kind === 'done' ? [o.value] : []));
    if (done.length > 0) await plan.onBatchDone(done);
  }
  return outcomes;
}
