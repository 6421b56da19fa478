import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Agreement } from '../../domain/agreements/types.js';
import type { VersionedStore } from '../../domain/ports/storage.js';
import { AGREEMENT_PARTITION } from '../booking/stores.js';
import { listPartition } from '../list-partition.js';

export const ZChangeSubscription = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().min(1),
  expiresAt: z.string(),
});
export type ChangeSubscription = z.infer<typeof ZChangeSubscription>;

export interface SubscriptionGateway {
  create(mailboxId: string, notificationUrl: string, clientState: string, expiresAt: string): Promise<{ id: string; expiresAt: string }>;
  renew(subscriptionId: string, expiresAt: string): Promise<{ expiresAt: string } | undefined>;
}

export interface SubscriptionDeps {
  readonly gateway: SubscriptionGateway;
  readonly store: VersionedStore<ChangeSubscription>;
  readonly agreements: VersionedStore<Agreement>;
  readonly notificationUrl: string;
  readonly nowMs: () => number;
}

/** Outlook event subscriptions last at most 7 days; three days, renewed when a day is left. */
const LIFETIME_MS = 3 * 86_400_000;
const RENEW_WITHIN_MS = 86_400_000;

/**
 * Every supervisor with a booked agreement has a live change-notification subscription on their
 * calendar, so Outlook moves and cancellations arrive within seconds; the periodic delta pass
 * stays as the safety net. Each subscription has its own random clientState, checked on receipt.
 */
export async function ensureChangeSubscriptions(deps: SubscriptionDeps): Promise<{ created: number; renewed: number }> {
  const supervisors = new Set<string>();
  for (const item of await listPartition(deps.agreements, AGREEMENT_PARTITION)) {
    if (item.value.status === 'booked') supervisors.add(item.value.terms.supervisorId);
  }
  let created = 0;
  let renewed = 0;
  for (const mailbox of supervisors) {
    const key = { partition: 'mailbox', id: mailbox };
    const current = await deps.store.get(key);
    const expiresAt = new Date(deps.nowMs() + LIFETIME_MS).toISOString();
    if (current && Date.parse(current.value.expiresAt) - deps.nowMs() > RENEW_WITHIN_MS) continue;
    if (current) {
      const result = await deps.gateway.renew(current.value.subscriptionId, expiresAt);
      if (result) {
        await deps.store.replace(key, { ...current.value, expiresAt: result.expiresAt }, current.etag);
        renewed++;
        continue;
      }
    }
    const clientState = randomUUID();
    const sub = await deps.gateway.create(mailbox, deps.notificationUrl, clientState, expiresAt);
    const value = { subscriptionId: sub.id, clientState, expiresAt: sub.expiresAt };
    if (current) await deps.store.replace(key, value, current.etag);
    else await deps.store.upsert(key, value);
    created++;
  }
  return { created, renewed };
}

export const ZChangeNotifications = z.object({
  value: z.array(z.object({ subscriptionId: z.string(), clientState: z.string().optional(), resource: z.string(), changeType: z.string() })).max(1000),
});

/** The mailboxes a notification batch really concerns: only items whose subscription and clientState match. */
export async function mailboxesToSync(store: VersionedStore<ChangeSubscription>, body: z.infer<typeof ZChangeNotifications>): Promise<string[]> {
  const mailboxes = new Set<string>();
  for (const item of body.value) {
    const mailbox = /^users\/([^/]+)\/events/i.exec(item.resource)?.[1];
    if (!mailbox) continue;
    const known = await store.get({ partition: 'mailbox', id: mailbox });
    if (known && known.value.subscriptionId === item.subscriptionId && known.value.clientState === item.clientState) mailboxes.add(mailbox);
  }
  return [...mailboxes];
}
