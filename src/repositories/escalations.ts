/**
 * The escalation ledger and the sweep's state (issue 6): which rung went to whom on which day,
 * each day's one message per person, acknowledgements, the audit evidence and the sweep's lease.
 * Every table is keyed so that a retried or concurrent write of the same thing collides instead
 * of duplicating it (create-only), which is what makes delivery once-only. The sweep job drives
 * the delivery protocol on `tables`; use cases (acknowledge, add a note, is this person the
 * addressee) go through the methods.
 */
import { z } from 'zod';
import type { AppendOnlyLog, LeaseLock, LogEntry, StoreKey, VersionedStore } from '../domain/ports/storage.js';
import { Collection, WHOLE_PARTITION_PAGE } from './collection.js';
import type { RepositoryStorage } from './storage.js';

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZStepKind = z.enum(['reminder', 'nudge', 'line-manager', 'next-tier', 'closed']);

/** One rung for one obligation and one recipient. Partition: agreement id; id: the step key. */
export const ZLedgerRow = z.strictObject({
  obligationId: z.string().min(1),
  step: ZStepKind,
  recipientId: z.string().min(1),
  day: ZDate,
  /** sending: written before the send; sent; failed: may be retried another day; unconfirmed: see digests. */
  state: z.enum(['sending', 'sent', 'failed', 'unconfirmed']),
  digest: z.string().min(1),
});
export type LedgerRow = z.infer<typeof ZLedgerRow>;

/** A step as the digest row keeps it, so a recovering run can resend the very same message. */
export const ZStoredStep = z.strictObject({
  key: z.string(),
  agreementId: z.string(),
  obligationId: z.string(),
  obligationKind: z.string(),
  step: ZStepKind,
  recipientId: z.string(),
  responsibleIds: z.array(z.string()),
  supervisorId: z.string(),
  superviseeId: z.string(),
  what: z.string(),
  due: ZDate,
  lateSince: ZDate.optional(),
  severity: z.enum(['breach', 'warning', 'info', 'none']),
  citation: z.string(),
  /** The policy's words for the citation (issue 10 item 1); rows written before it have none. */
  why: z.strictObject({ quote: z.string(), label: z.string() }).optional(),
  basis: z.array(z.string()),
  fallback: z.literal('no-manager').optional(),
  sessionId: z.string().optional(),
});

/**
 * The one message a person gets on a day. Partition: the day; id: the recipient. Created
 * (create-only) before anything is sent: its existence is the claim on "today's message".
 */
export const ZDigestRow = z.strictObject({
  recipientId: z.string().min(1),
  day: ZDate,
  runId: z.string().min(1),
  state: z.enum(['sending', 'sent', 'failed', 'unconfirmed']),
  steps: z.array(ZStoredStep),
  channel: z.string().optional(),
  outcome: z.string().optional(),
});
export type DigestRow = z.infer<typeof ZDigestRow>;

/** Partition: agreement id; id: obligation id. */
export const ZAcknowledgement = z.strictObject({ byId: z.string().min(1), at: z.string(), note: z.string().max(2000).optional() });

/**
 * The audit evidence (issue 6 "Evidence for inspectors"): who, what, when, why, citation. Ids
 * and citations only, never names or free text about a person.
 */
export const ZAuditEntry = z.strictObject({
  event: z.enum(['reminder', 'nudge', 'line-manager', 'next-tier', 'closed', 'acknowledged', 'note']),
  agreementId: z.string(),
  obligationId: z.string(),
  obligationKind: z.string(),
  /** Who was told (or who acknowledged). */
  recipientId: z.string(),
  /** Whose action was missing. */
  responsibleIds: z.array(z.string()),
  day: ZDate,
  due: ZDate.optional(),
  lateSince: ZDate.optional(),
  citation: z.string(),
  basis: z.array(z.string()),
  channel: z.string().optional(),
  outcome: z.enum(['delivered', 'blocked', 'failed', 'unconfirmed', 'recorded']),
  /** Delivered by e-mail because the person blocked the bot. */
  fallbackMail: z.boolean().optional(),
  /** The responsible person has no manager in the directory (reported). */
  noManager: z.boolean().optional(),
  runId: z.string(),
  /**
   * A note the addressee added on the escalation card (issue 6 item 4: "add a note"), in their
   * own words. The only free text in the log; it is never written to log lines.
   */
  note: z.string().min(1).max(2000).optional(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const LEDGER_TABLE = 'escalationledger';
export const DIGESTS_TABLE = 'escalationdigests';
/**
 * Each person's digests (issue 16 item 4): a copy of every settled digest in a partition of the
 * recipient's own, newest first, so "what needs my attention" reads a person's four weeks with one
 * query instead of one read per day partition. One row, `COPIES_SINCE_KEY`, says from which day
 * every digest has its copy (see copiedDigestsTo).
 */
export const DIGEST_COPIES_TABLE = 'escalationdigestsbyperson';
export const ZCopiesSince = z.strictObject({ since: ZDate });
export type CopiesSince = z.infer<typeof ZCopiesSince>;
export const COPIES_SINCE_KEY: StoreKey = { partition: 'meta', id: 'copies-since' };
/** Ids sort newest day first (Azure Table storage lists a partition in id order). */
export const digestCopyKey = (recipientId: string, day: string): StoreKey => ({ partition: `to-${recipientId}`, id: String(100_000_000 - Number(day.replaceAll('-', ''))).padStart(9, '0') });
export const ACKS_TABLE = 'escalationacks';
export const AUDIT_TABLE = 'audit';
export const SWEEP_LOCK = 'obligation-sweep';
/**
 * How long a settled month's audit is kept before it is read again: a sweep that was down for
 * days and then settles an old month's digests is seen within this time.
 */
export const SETTLED_MONTH_MS = 60 * 60_000;

/** One audit partition per month keeps a report's range query to a few partitions. */
export function auditPartition(day: string): string {
  return `escalation-${day.slice(0, 7)}`;
}

export type SweepStorage = RepositoryStorage;

export interface SweepStores {
  readonly ledger: VersionedStore<LedgerRow>;
  readonly digests: VersionedStore<DigestRow>;
  /** Each person's digests, and from which day all have a copy; without them every day partition is read. */
  readonly copies?: VersionedStore<DigestRow> | undefined;
  readonly copiesSince?: VersionedStore<CopiesSince> | undefined;
  readonly acks: VersionedStore<z.infer<typeof ZAcknowledgement>>;
  readonly audit: AppendOnlyLog<AuditEntry>;
  readonly lock: LeaseLock;
}

export function sweepStores(storage: SweepStorage): SweepStores {
  return {
    ledger: storage.versioned(LEDGER_TABLE, ZLedgerRow),
    digests: storage.versioned(DIGESTS_TABLE, ZDigestRow),
    copies: storage.versioned(DIGEST_COPIES_TABLE, ZDigestRow),
    copiesSince: storage.versioned(DIGEST_COPIES_TABLE, ZCopiesSince),
    acks: storage.versioned(ACKS_TABLE, ZAcknowledgement),
    audit: storage.log(AUDIT_TABLE, ZAuditEntry),
    lock: storage.leases(),
  };
}

export const ledgerKey = (agreementId: string, stepKey: string): StoreKey => ({ partition: agreementId, id: stepKey });
export const ackKey = (agreementId: string, obligationId: string): StoreKey => ({ partition: agreementId, id: obligationId });

export type Acknowledgement = z.infer<typeof ZAcknowledgement>;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export class EscalationRepository {
  private readonly ledgerRows: Collection<LedgerRow, { agreementId: string; stepKey: string }>;
  private readonly ackRows: Collection<Acknowledgement, { agreementId: string; obligationId: string }>;
  private readonly digestRows: Collection<DigestRow, { partition: string; id: string }>;
  /** Settled months of the audit, as read (see auditBetween). */
  private readonly settled = new Map<string, { entries: Promise<LogEntry<AuditEntry>[]>; readAt: number }>();

  constructor(readonly tables: SweepStores) {
    this.ledgerRows = new Collection(tables.ledger, (r) => ledgerKey(r.agreementId, r.stepKey), 'There is no such reminder.');
    this.ackRows = new Collection(tables.acks, (r) => ackKey(r.agreementId, r.obligationId), 'That escalation was not acknowledged.');
    this.digestRows = new Collection(tables.digests, (k) => k, 'There is no such digest.');
  }

  /** Every rung sent (or being sent) for an agreement's obligations. */
  ledgerOf(agreementId: string): Promise<LedgerRow[]> {
    return this.ledgerRows.list(agreementId);
  }

  acknowledgementsOf(agreementId: string): Promise<Acknowledgement[]> {
    return this.ackRows.list(agreementId);
  }

  /** The obligations of an agreement someone acknowledged (an acknowledgement is keyed by its obligation id). */
  async acknowledgedObligations(agreementId: string): Promise<Set<string>> {
    return new Set((await this.ackRows.items(agreementId)).map((item) => item.key.id));
  }

  /** Every digest row of one partition (a day, or the sweep's list of digests still being sent). */
  async digestsIn(partition: string): Promise<{ id: string; value: DigestRow }[]> {
    return (await this.digestRows.items(partition)).map((item) => ({ id: item.key.id, value: item.value }));
  }

  /** The digest one person got on one day, if any. */
  async digestOf(day: string, recipientId: string): Promise<DigestRow | undefined> {
    return (await this.tables.digests.get({ partition: day, id: recipientId }))?.value;
  }

  /**
   * A person's digests on or after `oldest`, from their copies (one query), and the day from which
   * every digest has its copy: days before it (digests settled before copies were written) are
   * read with digestOf. `since` is undefined where copies are not kept or not yet known complete.
   */
  async copiedDigestsTo(recipientId: string, oldest: string): Promise<{ since: string | undefined; digests: DigestRow[] }> {
    const { copies, copiesSince } = this.tables;
    if (!copies || !copiesSince) return { since: undefined, digests: [] };
    const [since, copied] = await Promise.all([copiesSince.get(COPIES_SINCE_KEY), this.copiesOf(copies, recipientId, oldest)]);
    return { since: since?.value.since, digests: copied.filter((d) => d.day >= oldest) };
  }

  /** A person's copies back to `oldest`: the partition's first page or two (one row per day, newest first). */
  private async copiesOf(copies: VersionedStore<DigestRow>, recipientId: string, oldest: string): Promise<DigestRow[]> {
    const { partition } = digestCopyKey(recipientId, oldest);
    const out: DigestRow[] = [];
    let continuation: string | undefined;
    do {
      const page = await copies.list(partition, { limit: 32, ...(continuation ? { continuation } : {}) });
      out.push(...page.items.map((i) => i.value));
      continuation = page.continuation;
    } while (continuation !== undefined && (out.at(-1)?.day ?? '') >= oldest);
    return out;
  }

  /**
   * Records an acknowledgement, create-only: 'exists' when it (or a colleague's) was already
   * there, so a second click changes nothing.
   */
  async acknowledge(agreementId: string, obligationId: string, ack: Acknowledgement): Promise<'created' | 'exists'> {
    return this.ackRows.create({ agreementId, obligationId }, ack);
  }

  /** Appends audit evidence; `id` makes a retried append land once ('exists' then). */
  async audit(entry: AuditEntry, at: Date, id: string): Promise<'appended' | 'exists'> {
    const r = await this.tables.audit.append(auditPartition(entry.day), entry, { at, id });
    return r.appended ? 'appended' : 'exists';
  }
  /**
   * Audit entries written between two instants, month partition by month partition.
   *
   * `settledBefore`: months that ended before this instant are settled, and each is read once and
   * kept (for SETTLED_MONTH_MS) rather than on every question. A month's partition only grows while
   * its days are swept: the sweep audits its own day, and the next run settles what a crashed one
   * left. A manager's "team compliance" reads a year, so without this each question read every
   * month of the whole council's escalations (issue 16 item 4: 13 reads, 12 of them unchanged).
   */
  async auditBetween(from: Date, to: Date, settledBefore?: Date): Promise<AuditEntry[]> {
    const months: string[] = [];
    for (let month = from.toISOString().slice(0, 7); month <= to.toISOString().slice(0, 7); month = nextMonth(month)) months.push(month);
    // The months are read at once (one partition each), and answered in month order.
    const byMonth = await Promise.all(months.map(async (month) => {
      if (settledBefore !== undefined && Date.parse(`${nextMonth(month)}-01T00:00:00Z`) <= settledBefore.getTime()) {
        return (await this.settledMonth(month)).filter((e) => e.at >= from && e.at < to).map((e) => e.value);
      }
      return (await this.auditPages(month, { from, to })).map((e) => e.value);
    }));
    return byMonth.flat();
  }

  private async auditPages(month: string, range: { from?: Date; to?: Date }): Promise<LogEntry<AuditEntry>[]> {
    const entries: LogEntry<AuditEntry>[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.tables.audit.list(auditPartition(`${month}-01`), { ...range, limit: WHOLE_PARTITION_PAGE, ...(continuation ? { continuation } : {}) });
      entries.push(...page.items);
      continuation = page.continuation;
    } while (continuation !== undefined);
    return entries;
  }

  /** A settled month's whole partition, read once (concurrent askers share the read) and kept for a while. */
  private settledMonth(month: string): Promise<LogEntry<AuditEntry>[]> {
    const kept = this.settled.get(month);
    if (kept && performance.now() - kept.readAt < SETTLED_MONTH_MS) return kept.entries;
    const entries = this.auditPages(month, {});
    this.settled.set(month, { entries, readAt: performance.now() });
    // A failed read is not kept: the next question reads again.
    entries.catch(() => this.settled.delete(month));
    return entries;
  }

}

export function escalationRepository(storage: RepositoryStorage): EscalationRepository {
  return new EscalationRepository(sweepStores(storage));
}
