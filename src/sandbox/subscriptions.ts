import type { SandboxStore } from './store.js';

/*
 * Change notifications for Outlook events, as Graph sends them (subscription-post-subscriptions,
 * change-notifications-delivery-webhooks): a subscription on users/{id}/events posts
 * `{ value: [{ subscriptionId, clientState, changeType, resource, resourceData }] }` to its
 * notificationUrl after each change. The subscriptions themselves are SandboxSubscription in
 * store.ts, in memory only.
 */

interface NotificationItem {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: string;
  clientState?: string;
  resource: string;
  resourceData: { '@odata.type': string; '@odata.id': string; id: string };
  tenantId: string;
}

/** Sends what changed since each subscription's cursor; failures are dropped as Graph would after retries. */
export async function notifySubscribers(store: SandboxStore, nowMs: number): Promise<void> {
  const sends: Promise<unknown>[] = [];
  for (const sub of store.subscriptions.values()) {
    if (sub.expirationMs <= nowMs) continue;
    const items: NotificationItem[] = [];
    const item = (changeType: string, id: string): NotificationItem => ({
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: new Date(sub.expirationMs).toISOString(),
      changeType,
      ...(sub.clientState !== undefined ? { clientState: sub.clientState } : {}),
      resource: `Users/${sub.mailbox}/Events/${id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${sub.mailbox}/Events/${id}`, id },
      tenantId: store.org.tenantId,
    });
    for (const ev of store.mailboxes.get(sub.mailbox)?.values() ?? []) {
      if (ev.seq > sub.cursor && sub.changeTypes.includes('updated')) items.push(item('updated', ev.id));
    }
    for (const t of store.tombstones.get(sub.mailbox) ?? []) {
      if (t.seq > sub.cursor && sub.changeTypes.includes('deleted')) items.push(item('deleted', t.id));
    }
    sub.cursor = store.seq;
    if (items.length === 0) continue;
    sends.push(
      fetch(sub.notificationUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: items }), signal: AbortSignal.timeout(10_000) }).catch(() => undefined),
    );
  }
  await Promise.all(sends);
}
