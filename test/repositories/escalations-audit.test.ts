import { describe, expect, it } from 'vitest';
import type { AppendOnlyLog, LogEntry, LogRange, Page } from '../../src/domain/ports/storage.js';
import { auditPartition, EscalationRepository, type AuditEntry } from '../../src/repositories/escalations.js';
import { MemoryStore } from '../usecases/agreements/memory-store.js';

/*
 * Issue 16 item 4: a manager's "team compliance" counts escalations over a year from the audit,
 * one month partition each. A month a week over no longer changes, so an instance reads it once
 * (and again after SETTLED_MONTH_MS) instead of reading the whole council's year on every question.
 */
class CountingLog implements AppendOnlyLog<AuditEntry> {
  readonly entries: LogEntry<AuditEntry>[] = [];
  readonly reads = new Map<string, number>();
  failNext = false;
  async append(partition: string, value: AuditEntry, options: { at: Date; id?: string }) {
    const id = options.id ?? String(this.entries.length);
    this.entries.push({ partition, id, at: options.at, value });
    return { id, appended: true };
  }
  async list(partition: string, range: LogRange = {}): Promise<Page<LogEntry<AuditEntry>>> {
    this.reads.set(partition, (this.reads.get(partition) ?? 0) + 1);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('storage went away');
    }
    return { items: this.entries.filter((e) => e.partition === partition && (!range.from || e.at >= range.from) && (!range.to || e.at < range.to)) };
  }
}

const entry = (day: string, agreementId = 'a1'): AuditEntry => ({
  event: 'line-manager', agreementId, obligationId: `o-${day}`, obligationKind: 'session', recipientId: 'm', responsibleIds: ['s'], day,
  citation: 'Sefton §4', basis: [], outcome: 'delivered', runId: 'r',
});

function world() {
  const audit = new CountingLog();
  const repo = new EscalationRepository({ ledger: new MemoryStore(), digests: new MemoryStore(), acks: new MemoryStore(), audit, lock: {} as never });
  const add = (day: string, agreementId?: string) => audit.append(auditPartition(day), entry(day, agreementId), { at: new Date(`${day}T09:00:00Z`), id: `${agreementId ?? 'a1'}|${day}` });
  return { audit, repo, add };
}

const FROM = new Date('2025-12-02T00:00:00Z');
const TO = new Date('2026-12-03T00:00:00Z');
const SETTLED = new Date('2026-11-25T00:00:00Z'); // a week before 2 December: November is not yet settled

describe('the escalation audit of settled months is read once per instance (issue 16 item 4)', () => {
  it('a second question reads only the months still open; the answer is the same', async () => {
    const { audit, repo, add } = world();
    await add('2026-03-10');
    await add('2026-10-31');
    await add('2026-11-20');
    await add('2026-12-01');
    const first = await repo.auditBetween(FROM, TO, SETTLED);
    expect(first.map((e) => e.day)).toEqual(['2026-03-10', '2026-10-31', '2026-11-20', '2026-12-01']);
    expect(audit.reads.size).toBe(13);
    const again = await repo.auditBetween(FROM, TO, SETTLED);
    expect(again).toEqual(first);
    expect(audit.reads.get(auditPartition('2026-03-01'))).toBe(1);
    expect(audit.reads.get(auditPartition('2026-10-01'))).toBe(1);
    // November ended less than a week ago, December is this month: read each time.
    expect(audit.reads.get(auditPartition('2026-11-01'))).toBe(2);
    expect(audit.reads.get(auditPartition('2026-12-01'))).toBe(2);
  });

  it('an escalation sent today is in the next answer', async () => {
    const { repo, add } = world();
    await repo.auditBetween(FROM, TO, SETTLED);
    await add('2026-12-02', 'a2');
    expect((await repo.auditBetween(FROM, TO, SETTLED)).map((e) => e.agreementId)).toEqual(['a2']);
  });

  it('a kept month still answers only for the instants asked about', async () => {
    const { repo, add } = world();
    await add('2026-02-03');
    await add('2026-02-20');
    await repo.auditBetween(FROM, TO, SETTLED);
    const part = await repo.auditBetween(new Date('2026-02-10T00:00:00Z'), TO, SETTLED);
    expect(part.map((e) => e.day)).toEqual(['2026-02-20']);
  });

  it('without a settled boundary (the CLI report), every month is read every time', async () => {
    const { audit, repo } = world();
    await repo.auditBetween(FROM, TO);
    await repo.auditBetween(FROM, TO);
    expect(audit.reads.get(auditPartition('2026-03-01'))).toBe(2);
  });

  it('a failed read is not kept: the next question reads the month again and answers', async () => {
    const { audit, repo, add } = world();
    await add('2026-01-15');
    audit.failNext = true;
    await expect(repo.auditBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), SETTLED)).rejects.toThrow();
    expect((await repo.auditBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'), SETTLED)).map((e) => e.day)).toEqual(['2026-01-15']);
    expect(audit.reads.get(auditPartition('2026-01-01'))).toBe(2);
  });
});
