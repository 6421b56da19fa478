import type { SyncNotice } from '../../domain/sessions/notice.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import type { NoticeRepository } from '../../repositories/notices.js';

/**
 * Sends a person's undelivered notices and marks each delivered. At least once: a crash between
 * sending and marking sends that one notice again on the next pass, which is safer for a lapse
 * warning than losing it. Someone the bot cannot reach keeps their notices for a later pass.
 * `send` renders and sends one notice (the conversation layer's words, the bot's chat).
 */
export async function deliverNotices(
  notices: NoticeRepository,
  recipientId: string,
  send: (notice: SyncNotice) => Promise<'delivered' | 'unreachable'>,
  now: () => string,
  log: Logger,
): Promise<{ delivered: number; waiting: number }> {
  let delivered = 0;
  let waiting = 0;
  for (const { noticeId, notice } of await notices.undelivered(recipientId)) {
    if ((await send(notice)) !== 'delivered') {
      waiting++;
      continue;
    }
    try {
      await notices.markDelivered(recipientId, noticeId, now());
    } catch (error) {
      log.warn('notices.mark_failed', { ...errorFields(error) });
    }
    delivered++;
  }
  return { delivered, waiting };
}
