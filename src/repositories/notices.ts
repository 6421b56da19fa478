/**
 * The outbox of what the calendar sync and an ended agreement have to tell people. A notice is
 * written before the change that caused it, with a deterministic id, so a crash can never lose it
 * and a rerun never writes it twice; delivery marks it delivered. Partition: the recipient.
 */
import { ZSyncNotice, type SyncNotice } from '../domain/sessions/notice.js';
import type { VersionedStore } from '../domain/ports/storage.js';
import { Collection } from './collection.js';
import type { VersionedStorage } from './storage.js';

export const NOTICES_TABLE = 'notices';

export function noticeTable(storage: VersionedStorage): VersionedStore<SyncNotice> {
  return storage.versioned(NOTICES_TABLE, ZSyncNotice);
}

interface NoticeRef {
  readonly recipientId: string;
  readonly noticeId: string;
}

export class NoticeRepository {
  private readonly rows: Collection<SyncNotice, NoticeRef>;

  constructor(readonly table: VersionedStore<SyncNotice>) {
    this.rows = new Collection(table, (r) => ({ partition: r.recipientId, id: r.noticeId }), 'There is no such notice.');
  }

  /** Create-only under its deterministic id: 'exists' when an earlier run wrote it. */
  add(noticeId: string, notice: SyncNotice): Promise<'created' | 'exists'> {
    return this.rows.create({ recipientId: notice.recipientId, noticeId }, notice);
  }

  /** A person's notices not yet delivered, with their ids, in id order. */
  async undelivered(recipientId: string): Promise<{ noticeId: string; notice: SyncNotice }[]> {
    return (await this.rows.items(recipientId)).filter((i) => !i.value.deliveredAt).map((i) => ({ noticeId: i.key.id, notice: i.value }));
  }

  /** Marks it delivered (once: a second mark keeps the first time). */
  async markDelivered(recipientId: string, noticeId: string, at: string): Promise<void> {
    await this.rows.apply({ recipientId, noticeId }, (current) => (current && !current.deliveredAt ? { next: { ...current, deliveredAt: at }, result: undefined } : { result: undefined }));
  }
}
