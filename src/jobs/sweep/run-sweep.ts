import { randomUUID } from 'node:crypto';
import type { ExclusiveResult } from '../../domain/ports/storage.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { closingStepsOnEnd, composeDigest, evaluateAgreement, groupByRecipient, isAboutARecord, isDeliveryWindow, memoCalendar, type DueStep, type EscalationSettings, type LedgerEntry } from '../../domain/escalation/index.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { handedOver } from '../../domain/agreements/review.js';
import { historyOf } from '../../domain/obligations/history-of.js';
import { parseObligationId, sessionDateOf } from '../../domain/obligations/obligation-id.js';
import type { Directory } from '../../domain/people/person.js';
import type { Messenger, SendOutcome } from '../../domain/ports/messenger.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import { auditPartition, digestCopyKey, SWEEP_LOCK, type AuditEntry, type DigestRow, type EscalationRepository } from '../../repositories/escalations.js';
import type { RecordRepository } from '../../repositories/records.js';

export interface SweepDeps {
  /** Agreements and their planned sessions. */
  readonly agreements: Pick<AgreementRepository, 'list' | 'sessions'>;
  /** Session records (shared, signed, not held) and tracked actions (overdue ones are obligations). */
  readonly records: Pick<RecordRepository, 'list' | 'actions'>;
  /**
   * The ledger and acknowledgements it reads through the repository; the delivery
   * protocol (digest claims, ledger rows, audit, the lease) it drives on `tables`.
   */
  readonly escalations: Pick<EscalationRepository, 'ledgerOf' | 'acknowledgedObligations' | 'digestsIn' | 'tables'>;
  /** Manager chains; display names for messages too, when getPerson is there. */
  readonly directory: Pick<Directory, 'getManager'> & Partial<Pick<Directory, 'getPerson'>>;
  /** Teams proactive 1:1 in production. */
  readonly messenger: Messenger;
  /** Used when the messenger answers 'blocked' (the person blocked the bot). */
  readonly mail?: Messenger | undefined;
  /** The policy pack of an agreement, with the council's configuration applied. */
  readonly packFor: (policyId: string) => PolicyPack;
  readonly calendar: WorkingCalendar;
  readonly settings: EscalationSettings;
}

export interface SweepOptions {
  readonly now: Date;
  /** Only these agreements (the sweep after an event); all active ones when absent. */
  readonly agreementIds?: readonly string[];
  readonly runId?: string;
  readonly signal?: AbortSignal;
}

export interface SweepMessage {
  readonly recipientId: string;
  readonly steps: number;
  readonly channel: string;
  readonly outcome: SendOutcome['status'] | 'unconfirmed';
  readonly fallbackMail: boolean;
}

export interface SweepReport {
  readonly runId: string;
  readonly day: LocalDate;
  /** Outside working days/hours: evaluated, nothing sent (the next sweep in hours sends it). */
  readonly held: boolean;
  readonly agreements: number;
  readonly stepsDue: number;
  readonly messages: readonly SweepMessage[];
  /** Recipients already messaged today: their new items wait for tomorrow's digest. */
  readonly deferred: readonly string[];
  /** Digests a crashed run left half-done, settled by this run. */
  readonly recovered: number;
  /** Obligations escalated to the fallback role because someone has no manager. */
  readonly noManager: readonly { readonly agreementId: string; readonly obligationId: string; readonly responsibleIds: readonly string[] }[];
  readonly failedAgreements: readonly { readonly agreementId: string; readonly code: string }[];
}

const ACTIVE: ReadonlySet<Agreement['status']> = new Set(['signed', 'booked']);
/** Ended agreements are read only for escalations still open on them, which close (issue 6 item 5). */
const ENDED: ReadonlySet<Agreement['status']> = new Set(['ended']);
/**
 * Digests being sent are also listed in this partition until settled, so a run finds what a
 * crashed run left behind with one read instead of scanning days.
 */
const OPEN = 'open';
const openKey = (day: LocalDate, recipientId: string) => ({ partition: OPEN, id: `${day}|${recipientId}` });

const READ_CONCURRENCY = 8;

const digestKey = (day: LocalDate, recipientId: string) => ({ partition: day, id: recipientId });
const idempotencyKey = (day: LocalDate, recipientId: string): string => `digest:${day}:${recipientId}`;

/** Manager chains from the directory, memoised for one run; a cycle in the directory stops the walk. */
function chainResolver(directory: Pick<Directory, 'getManager'>) {
  const chains = new Map<string, readonly string[]>();
  async function resolve(id: string): Promise<readonly string[]> {
    const known = chains.get(id);
    if (known) return known;
    const chain: string[] = [];
    let cur = id;
    for (let i = 0; i < 12; i += 1) {
      const m = await directory.getManager(cur);
      if (!m || m.id === id || chain.includes(m.id)) break;
      chain.push(m.id);
      cur = m.id;
    }
    chain.forEach((m, i) => { if (!chains.has(m)) chains.set(m, chain.slice(i + 1)); });
    chains.set(id, chain);
    return chain;
  }
  return { resolve, chainOf: (id: string): readonly string[] => chains.get(id) ?? [] };
}

/**
 * One evaluation of every active agreement (or the ones named), and delivery of what is due.
 * Not exclusive by itself: runSweep takes the lease. Delivery per recipient and day:
 *   1. digest row created (create-only): the claim on today's message; a collision means
 *      someone already has it, so nothing is sent;
 *   2. one ledger row per step (create-only), state 'sending';
 *   3. send; on 'blocked', the row is first marked channel 'mail', then the mail goes out;
 *   4. rows marked sent (or failed: retried the next working day), audit entries appended.
 * A crash between 1 and 4 leaves 'sending' rows that the next run settles: it resends under the
 * same idempotency key if the messenger honours keys (so the person gets it once), and otherwise
 * marks it 'unconfirmed' without resending: at-most-once for that window, because a second copy
 * of an escalation to a senior manager is the noise issue 6 forbids, while 'unconfirmed' is
 * audited and reported so nobody loses sight of it.
 */
export async function sweepOnce(deps: SweepDeps, options: SweepOptions): Promise<SweepReport> {
  const runId = options.runId ?? randomUUID();
  const local = utcToLondon(options.now.toISOString());
  const day = local.date;
  const held = !isDeliveryWindow(day, local.time, deps.calendar, deps.settings);
  const stores = deps.escalations.tables;
  const recovered = held ? 0 : await recover(deps, runId, options.now);

  const agreements = (await deps.agreements.list())
    .filter((a) => (ACTIVE.has(a.status) || ENDED.has(a.status)) && (options.agreementIds === undefined || options.agreementIds.includes(a.id)));
  const chains = chainResolver(deps.directory);
  const calendar = memoCalendar(deps.calendar);
  const failedAgreements: { agreementId: string; code: string }[] = [];
  const perAgreement: DueStep[][] = agreements.map(() => []);
  let next = 0;
  // Each agreement is a few partition reads; a few in flight keeps a council-sized sweep within its lease.
  const worker = async (): Promise<void> => {
    for (let i = next++; i < agreements.length && !options.signal?.aborted; i = next++) {
      const a = agreements[i] as Agreement;
      try {
        const t = a.terms;
        const parties = { supervisorId: t.supervisorId, superviseeId: t.superviseeId, seniorManagerId: t.seniorManagerId };
        if (ENDED.has(a.status)) {
          const ledger = (await deps.escalations.ledgerOf(a.id)).filter((r) => r.state !== 'failed');
          perAgreement[i] = closingStepsOnEnd({ agreementId: a.id, parties, ledger, endedOn: utcToLondon(a.updatedAt).date, today: day, calendar });
          continue;
        }
        const [sessions, records, actions, ledger, acknowledged] = await Promise.all([
          deps.agreements.sessions(a.id),
          deps.records.list(a.id),
          deps.records.actions(a.id),
          deps.escalations.ledgerOf(a.id),
          deps.escalations.acknowledgedObligations(a.id),
        ]);
        await Promise.all([t.supervisorId, t.superviseeId, ...(t.seniorManagerId ? [t.seniorManagerId] : [])].map((p) => chains.resolve(p)));
        const steps = evaluateAgreement({
          agreementId: a.id, pack: deps.packFor(t.policyId),
          history: historyOf(a, sessions, records, actions),
          parties,
          ledger: ledger.filter((r) => r.state !== 'failed').map((r): LedgerEntry => ({ obligationId: r.obligationId, step: r.step, recipientId: r.recipientId, day: r.day })),
          acknowledged,
        }, { today: day, calendar, settings: deps.settings, chainOf: chains.chainOf });
        // Renewed: what is due from the next year's start is the next agreement's (issue 14 item 3).
        perAgreement[i] = withSessionIds(steps.filter((s) => !handedOver(a, parseObligationId(s.obligationId))), records, sessions);
      } catch (error) {
        // One agreement with bad data must not stop everyone else's reminders.
        failedAgreements.push({ agreementId: a.id, code: isAppError(error) ? error.code : 'internal' });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, agreements.length) }, worker));
  failedAgreements.sort((x, y) => (x.agreementId < y.agreementId ? -1 : 1));
  const steps = perAgreement.flat();
  const noManager = steps.filter((s) => s.fallback === 'no-manager').map((s) => ({ agreementId: s.agreementId, obligationId: s.obligationId, responsibleIds: s.responsibleIds }));
  const base = { runId, day, held, agreements: agreements.length, stepsDue: steps.length, recovered, noManager, failedAgreements };
  if (held) return { ...base, messages: [], deferred: [] };

  const messages: SweepMessage[] = [];
  const deferred: string[] = [];
  for (const [recipientId, mine] of groupByRecipient(steps)) {
    if (options.signal?.aborted) break;
    const row: DigestRow = { recipientId, day, runId, state: 'sending', steps: mine.map(storedStep) };
    let etag: string;
    await stores.digests.upsert(openKey(day, recipientId), { ...row, steps: [] });
    try {
      etag = await stores.digests.create(digestKey(day, recipientId), row);
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict') { deferred.push(recipientId); continue; }
      throw error;
    }
    const claimed = await claimSteps(deps, row);
    if (claimed.length !== row.steps.length) etag = await stores.digests.replace(digestKey(day, recipientId), { ...row, steps: claimed }, etag);
    if (claimed.length === 0) continue;
    messages.push(await deliver(deps, { ...row, steps: claimed }, etag, options.now));
  }
  return { ...base, messages, deferred };
}

/** Record obligations name their session by date (obligation-id.ts sessionDateOf): the card's "open the record" needs its id. */
function withSessionIds(steps: DueStep[], records: readonly SessionRecord[], sessions: readonly PlannedSession[]): DueStep[] {
  if (!steps.some((s) => isAboutARecord(s.obligationKind))) return steps;
  const byDate = new Map<string, string>();
  for (const s of sessions) byDate.set(s.date, s.sessionId);
  for (const r of records) byDate.set(r.sessionDate, r.sessionId);
  return steps.map((s) => {
    const id = isAboutARecord(s.obligationKind) ? parseObligationId(s.obligationId) : undefined;
    const date = id ? sessionDateOf(id) : undefined;
    const sessionId = date ? byDate.get(date) : undefined;
    return sessionId ? { ...s, sessionId } : s;
  });
}

function storedStep(s: DueStep): DigestRow['steps'][number] {
  return {
    key: s.key, agreementId: s.agreementId, obligationId: s.obligationId, obligationKind: s.obligationKind, step: s.step, recipientId: s.recipientId,
    responsibleIds: [...s.responsibleIds], supervisorId: s.supervisorId, superviseeId: s.superviseeId, what: s.what, due: s.due, ...(s.lateSince ? { lateSince: s.lateSince } : {}), severity: s.severity,
    citation: s.citation, ...(s.why ? { why: s.why } : {}), basis: [...s.basis], ...(s.fallback ? { fallback: s.fallback } : {}), ...(s.sessionId ? { sessionId: s.sessionId } : {}),
  };
}

/** Ledger rows for the digest's steps; a step someone else already holds is dropped from it. */
async function claimSteps(deps: SweepDeps, row: DigestRow): Promise<DigestRow['steps']> {
  const claimed: DigestRow['steps'] = [];
  const digest = `${row.day}/${row.recipientId}`;
  for (const s of row.steps) {
    const key = { partition: s.agreementId, id: s.key };
    const value = { obligationId: s.obligationId, step: s.step, recipientId: s.recipientId, day: row.day, state: 'sending' as const, digest };
    try {
      await deps.escalations.tables.ledger.create(key, value);
      claimed.push(s);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
      const existing = await deps.escalations.tables.ledger.get(key);
      if (existing?.value.digest === digest) claimed.push(s);
      else if (existing?.value.state === 'failed') {
        await deps.escalations.tables.ledger.replace(key, value, existing.etag);
        claimed.push(s);
      }
    }
  }
  return claimed;
}

async function deliver(deps: SweepDeps, row: DigestRow, etagIn: string, now: Date): Promise<SweepMessage> {
  const stores = deps.escalations.tables;
  const key = digestKey(row.day, row.recipientId);
  let etag = etagIn;
  const message = composeDigest(row.day, row.steps as DueStep[], await namesFor(deps, row.steps));
  const options = { idempotencyKey: idempotencyKey(row.day, row.recipientId) };
  let outcome: SendOutcome;
  let fallbackMail = false;
  if (row.channel === 'mail' && deps.mail) {
    outcome = await deps.mail.send(row.recipientId, message, options);
    fallbackMail = true;
  } else {
    outcome = await deps.messenger.send(row.recipientId, message, options);
    if (outcome.status === 'blocked' && deps.mail) {
      // Marked before sending: a crash now is settled by the mail messenger's rules, not Teams'.
      etag = await stores.digests.replace(key, { ...row, channel: 'mail' }, etag);
      outcome = await deps.mail.send(row.recipientId, message, options);
      fallbackMail = true;
    }
  }
  const state = outcome.status === 'delivered' ? 'sent' : 'failed';
  await settle(deps, { ...row, state, channel: outcome.channel, outcome: outcome.status }, etag, now, { outcome: outcome.status, channel: outcome.channel, fallbackMail });
  return { recipientId: row.recipientId, steps: row.steps.length, channel: outcome.channel, outcome: outcome.status, fallbackMail };
}

/** Names for a message; never logged or audited. A directory miss leaves the id. */
async function namesFor(deps: SweepDeps, steps: DigestRow['steps']): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const getPerson = deps.directory.getPerson?.bind(deps.directory);
  if (!getPerson) return names;
  const ids = new Set(steps.flatMap((s) => [s.supervisorId, s.superviseeId, ...s.responsibleIds]));
  await Promise.all([...ids].map(async (id) => {
    const p = await getPerson(id).catch(() => undefined);
    if (p?.displayName) names.set(id, p.displayName);
  }));
  return names;
}

/** Final state of the digest and its ledger rows, then the audit evidence (idempotent by id). */
async function settle(deps: SweepDeps, row: DigestRow, etag: string, now: Date, result: { outcome: AuditEntry['outcome']; channel?: string | undefined; fallbackMail: boolean }): Promise<void> {
  const stores = deps.escalations.tables;
  const digest = `${row.day}/${row.recipientId}`;
  const ledgerState = row.state === 'sending' ? 'sent' : row.state;
  for (const s of row.steps) {
    await stores.ledger.upsert({ partition: s.agreementId, id: s.key }, { obligationId: s.obligationId, step: s.step, recipientId: s.recipientId, day: row.day, state: ledgerState, digest });
  }
  for (const s of row.steps) {
    const entry: AuditEntry = {
      event: s.step, agreementId: s.agreementId, obligationId: s.obligationId, obligationKind: s.obligationKind, recipientId: s.recipientId,
      responsibleIds: s.responsibleIds, day: row.day, due: s.due, ...(s.lateSince ? { lateSince: s.lateSince } : {}), citation: s.citation, basis: s.basis,
      ...(result.channel ? { channel: result.channel } : {}), outcome: result.outcome,
      ...(result.fallbackMail ? { fallbackMail: true } : {}), ...(s.fallback ? { noManager: true } : {}), runId: row.runId,
    };
    await stores.audit.append(auditPartition(row.day), entry, { at: now, id: `${s.agreementId}|${s.key}|${row.day}` });
  }
  // The recipient's copy (what "what needs my attention" reads), before the digest is settled, so a
  // crash between the two is settled again by the next run and the copy rewritten the same.
  await stores.copies?.upsert(digestCopyKey(row.recipientId, row.day), row);
  await stores.digests.replace(digestKey(row.day, row.recipientId), row, etag);
  await stores.digests.delete(openKey(row.day, row.recipientId));
}

/** Settles digests a crashed run left in 'sending' (see sweepOnce). */
async function recover(deps: SweepDeps, runId: string, now: Date): Promise<number> {
  let n = 0;
  const stores = deps.escalations.tables;
  for (const marker of await deps.escalations.digestsIn(OPEN)) {
    const { day, recipientId } = marker.value;
    const item = await stores.digests.get(digestKey(day, recipientId));
    if (item && item.value.runId === runId) continue;
    if (!item || item.value.state !== 'sending') {
      // Crashed before claiming the day (nothing was sent), or settled but not yet unlisted.
      await stores.digests.delete(openKey(day, recipientId));
      continue;
    }
    const row = item.value;
    n += 1;
    const claimed = await claimSteps(deps, row);
    const messenger = row.channel === 'mail' ? deps.mail : deps.messenger;
    if (messenger?.honoursIdempotencyKey) {
      await deliver(deps, { ...row, steps: claimed }, item.etag, now);
    } else {
      await settle(deps, { ...row, steps: claimed, state: 'unconfirmed', outcome: 'unconfirmed' }, item.etag, now, { outcome: 'unconfirmed', channel: row.channel, fallbackMail: row.channel === 'mail' });
    }
  }
  return n;
}

/**
 * The sweep as every instance calls it: only the lease holder runs; the others return
 * { ran: false } at once. The lease is renewed while it runs and the run stops between
 * agreements if it is lost.
 */
export function runSweep(deps: SweepDeps, options: SweepOptions): Promise<ExclusiveResult<SweepReport>> {
  return deps.escalations.tables.lock.exclusive(SWEEP_LOCK, 60, (signal) => sweepOnce(deps, { ...options, signal }));
}

/**
 * Right after an event that changes an obligation (a record shared or signed, a session
 * cancelled or postponed, an agreement ended): the same sweep for that one agreement, under the
 * same lease and the same create-only ledger and digest rows, so a step is still delivered once.
 * While another instance holds the lease it waits a little and tries again (`attempts` times);
 * if it never gets it, the run in progress or the next daily sweep picks the change up.
 * Outside working hours it evaluates and sends nothing (the next sweep in hours sends it).
 */
export async function sweepAfterEvent(deps: SweepDeps, agreementId: string, nowIso: string, options: { attempts?: number; waitMs?: number } = {}): Promise<ExclusiveResult<SweepReport>> {
  const now = new Date(nowIso);
  if (Number.isNaN(now.getTime())) throw new AppError('invalid_input', 'sweepAfterEvent needs an ISO instant');
  const attempts = options.attempts ?? 3;
  let result = await runSweep(deps, { now, agreementIds: [agreementId] });
  for (let i = 1; i < attempts && !result.ran; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 2000));
    result = await runSweep(deps, { now, agreementIds: [agreementId] });
  }
  return result;
}
