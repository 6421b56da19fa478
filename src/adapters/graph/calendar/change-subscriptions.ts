import type { Client } from '@microsoft/microsoft-graph-client';

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Graph change-notification subscriptions on a mailbox's events (POST/PATCH/DELETE /subscriptions),
 * each with a lifecycleNotificationUrl so Graph says when it must be reauthorized or made again, or
 * when notifications were missed (change-notifications-lifecycle-events.md).
 */
export class GraphChangeSubscriptions {
  constructor(private readonly client: Client) {}

  async create(mailboxId: string, urls: { notificationUrl: string; lifecycleNotificationUrl: string }, clientState: string, expiresAt: string): Promise<{ id: string; expiresAt: string }> {
    const created = (await this.client.api('/subscriptions').post({
      changeType: 'updated,deleted',
      notificationUrl: urls.notificationUrl,
      lifecycleNotificationUrl: urls.lifecycleNotificationUrl,
      resource: `users/${mailboxId}/events`,
      expirationDateTime: expiresAt,
      clientState,
    })) as { id: string; expirationDateTime: string };
    return { id: created.id, expiresAt: created.expirationDateTime };
  }

  /**
   * Renewing also reauthorizes (change-notifications-lifecycle-events.md). Undefined when the
   * subscription is gone (expired or deleted): the caller creates a new one.
   */
  async renew(subscriptionId: string, expiresAt: string): Promise<{ expiresAt: string } | undefined> {
    try {
      const renewed = (await this.client.api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).patch({ expirationDateTime: expiresAt })) as { expirationDateTime: string };
      return { expiresAt: renewed.expirationDateTime };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** subscription-delete.md; already gone (404) is removed too. */
  async remove(subscriptionId: string): Promise<void> {
    try {
      await this.client.api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}
