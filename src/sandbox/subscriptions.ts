import type { SandboxStore, SandboxSubscription } from './store.js';

/*
 * Change notifications for Outlook events, as Graph sends them (subscription-post-subscriptions,
 * change-notifications-delivery-webhooks): a subscription on users/{id}/events posts
 * `{ value: [{ subscriptionId, clientState, changeType, resource, resourceData }] }` to its
 * notificationUrl after each change, the resource written as the docs' example writes it:
 * `users/{user-guid}@{tenant-guid}/events/{id}` (and `Users/…/Events/…` in resourceData's @odata.id).
 * Lifecycle notifications (change-notifications-lifecycle-events.md) go to the subscription's
 * lifecycleNotificationUrl: `{ value: [{ subscriptionId, subscriptionExpirationDateTime, tenantId,
 * clientState, lifecycleEvent }] }`, no resource. The subscriptions themselves are
 * SandboxSubscription in store.ts, in memory only.
 */

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

function post(url: string, body: unknown): Promise<unknown> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
}

function lifecycleNotification(store: SandboxStore, sub: SandboxSubscription, lifecycleEvent: LifecycleEvent) {
  return {
    value: [
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: new Date(sub.expirationMs).toISOString(),
        tenantId: store.org.tenantId,
        ...(sub.clientState !== undefined ? { clientState: sub.clientState } : {}),
        lifecycleEvent,
      },
    ],
  };
}

/**
 * What Graph does on its own now and then, on demand (switches.ts) for a mailbox's subscriptions:
 * - reauthorizationRequired: sent at once; deliveries pause (changes meanwhile are lost) until the
 *   app renews (PATCH) or reauthorizes the subscription;
 * - subscriptionRemoved: the subscription is deleted, then the notification is sent;
 * - missed: the next batch of changes is not delivered, and `missed` is sent instead.
 * Only subscriptions made with a lifecycleNotificationUrl hear of it, as on Graph.
 */
export async function lifecycleEvent(store: SandboxStore, mailbox: string, event: LifecycleEvent): Promise<number> {
  const sends: Promise<unknown>[] = [];
  for (const sub of [...store.subscriptions.values()].filter((s) => s.mailbox === mailbox)) {
    if (event === 'missed') {
      sub.missNext = true;
      continue;
    }
    if (event === 'subscriptionRemoved') store.subscriptions.delete(sub.id);
    else sub.reauthorizationRequired = true;
    if (sub.lifecycleNotificationUrl) sends.push(post(sub.lifecycleNotificationUrl, lifecycleNotification(store, sub, event)));
  }
  await Promise.all(sends);
  return sends.length;
}

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
      resource: `users/${sub.mailbox}@${store.org.tenantId}/events/${id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${sub.mailbox}@${store.org.tenantId}/Events/${id}`, id },
      tenantId: store.org.tenantId,
    });
    for (const ev of store.mailboxes.get(sub.mailbox)?.values() ?? []) {
      if (ev.seq > sub.cursor && sub.changeTypes.includes('updated')) items.push(item('updated', ev.id));
    }
    for (const t of store.tombstones.get(sub.mailbox) ?? []) {
      if (t.seq > sub.cursor && sub.changeTypes.includes('deleted')) items.push(item('deleted', t.id));
    }
    sub.cursor = store.seq;
    // Awaiting reauthorization: these changes are lost (change-notifications-lifecycle-events.md).
    if (items.length === 0 || sub.reauthorizationRequired) continue;
    if (sub.missNext) {
      sub.missNext = false;
      if (sub.lifecycleNotificationUrl) sends.push(post(sub.lifecycleNotificationUrl, lifecycleNotification(store, sub, 'missed')));
      continue;
    }
    sends.push(post(sub.notificationUrl, { value: items }));
  }
  await Promise.all(sends);
}
