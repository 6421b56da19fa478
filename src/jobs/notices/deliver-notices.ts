import type { Notifier } from '../../conversation/notifier.js';
import type { Reply } from '../../conversation/reply.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import type { Logger } from '../../observability/logger.js';
import type { SyncNotice } from '../calendar-sync/notices.js';
import { listPartition } from '../list-partition.js';

/**
 * Sends a person's undelivered notices and marks each delivered. At least once: a crash between
 * sending and marking sends that one notice again on the next pass, which is safer for a lapse
 * warning than losing it. Someone the bot cannot reach keeps their notices for a later pass.
 */
export async function deliverNotices(
  store: VersionedStore<SyncNotice>,
  notifier: Notifier,
  recipientId: string,
  render: (notice: SyncNotice) => Promise<Reply[]>,
  now: () => string,
  log: Logger,
): Promise<{ delivered: number; waiting: number }> {
  let delivered = 0;
  let waiting = 0;
  for (const item of await listPartition(store, recipientId)) {
    if (item.value.deliveredAt) continue;
    const outcome = await notifier.notify(recipientId, await render(item.value));
    if (outcome !== 'delivered') {
      waiting++;
      continue;
    }
    try {
      await store.replace(item.key, { ...item.value, deliveredAt: now() }, item.etag);
    } catch (error) {
      log.warn('notices.mark_failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
    delivered++;
  }
  return { delivered, waiting };
}
