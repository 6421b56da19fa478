import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { CalendarSyncRepository } from '../../repositories/calendar-sync.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';

export { ZChangeSubscription, type ChangeSubscription } from '../../repositories/calendar-sync.js';

export interface SubscriptionGateway {
  create(mailboxId: string, urls: SubscriptionUrls, clientState: string, expiresAt: string): Promise<{ id: string; expiresAt: string }>;
  renew(subscriptionId: string, expiresAt: string): Promise<{ expiresAt: string } | undefined>;
  /** Gone already counts as removed. */
  remove(subscriptionId: string): Promise<void>;
}

export interface SubscriptionUrls {
  readonly notificationUrl: string;
  /** Where Graph sends lifecycle notifications (change-notifications-lifecycle-events.md). */
  readonly lifecycleNotificationUrl: string;
}

export interface SubscriptionDeps extends SubscriptionUrls {
  readonly gateway: SubscriptionGateway;
  readonly store: CalendarSyncRepository;
  readonly agreements: AgreementRepository;
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
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status === 'booked') supervisors.add(agreement.terms.supervisorId);
  }
  let created = 0;
  let renewed = 0;
  for (const mailbox of supervisors) {
    let current = await deps.store.subscription(mailbox);
    const expiresAt = new Date(deps.nowMs() + LIFETIME_MS).toISOString();
    // A subscription made without a lifecycleNotificationUrl never gets one by update
    // (change-notifications-lifecycle-events.md): it is replaced.
    if (current && !current.lifecycle) {
      await deps.gateway.remove(current.subscriptionId);
      current = undefined;
    }
    if (current && Date.parse(current.expiresAt) - deps.nowMs() > RENEW_WITHIN_MS) continue;
    if (current) {
      const result = await deps.gateway.renew(current.subscriptionId, expiresAt);
      if (result) {
        await deps.store.saveSubscription(mailbox, { ...current, expiresAt: result.expiresAt });
        renewed++;
        continue;
      }
    }
    await subscribe(deps, mailbox);
    created++;
  }
  return { created, renewed };
}

/** A new subscription on the mailbox's events, with its own random clientState, saved. */
async function subscribe(deps: SubscriptionDeps, mailbox: string): Promise<void> {
  const clientState = randomUUID();
  const expiresAt = new Date(deps.nowMs() + LIFETIME_MS).toISOString();
  const sub = await deps.gateway.create(mailbox, deps, clientState, expiresAt);
  await deps.store.saveSubscription(mailbox, { subscriptionId: sub.id, clientState, expiresAt: sub.expiresAt, lifecycle: true });
}

export const ZChangeNotifications = z.object({
  value: z.array(z.object({ subscriptionId: z.string(), clientState: z.string().optional(), resource: z.string(), changeType: z.string() })).max(1000),
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The mailbox (user id) a notification's resource names, in each form Graph writes it:
 * `users/{id}/events/{id}` or `Users/{id}/Events/{id}`, with or without a leading slash, the user as
 * `{user-guid}@{tenant-guid}` (change-notifications-delivery-webhooks.md's example) and the OData
 * key form `Users('{id}')/Events('{id}')`; percent-encoded as the address may be.
 */
export function mailboxOfResource(resource: string): string | undefined {
  const match = /^\/?users(?:\('([^']+)'\)|\/([^/]+))\/events\b/i.exec(resource.trim());
  const raw = match?.[1] ?? match?.[2];
  if (!raw) return undefined;
  let user: string;
  try {
    user = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const [id, tenant] = user.split('@');
  // {user}@{tenant}: the user's object id qualified by the tenant's (not a UPN, whose domain has dots).
  if (id && tenant !== undefined && GUID.test(id) && GUID.test(tenant)) return id;
  return user;
}

/** The mailboxes a notification batch really concerns: only items whose subscription and clientState match. */
export async function mailboxesToSync(store: CalendarSyncRepository, body: z.infer<typeof ZChangeNotifications>): Promise<string[]> {
  const mailboxes = new Set<string>();
  for (const item of body.value) {
    const mailbox = mailboxOfResource(item.resource);
    if (!mailbox) continue;
    const known = await store.subscription(mailbox);
    if (known && known.subscriptionId === item.subscriptionId && known.clientState === item.clientState) mailboxes.add(mailbox);
  }
  return [...mailboxes];
}

/** change-notifications-lifecycle-events.md: `{ value: [{ subscriptionId, clientState, lifecycleEvent, … }] }`. */
export const ZLifecycleNotifications = z.object({
  value: z
    .array(z.object({ subscriptionId: z.string().max(200), clientState: z.string().max(200).optional(), lifecycleEvent: z.string().max(100) }))
    .max(1000),
});

export interface LifecycleDeps extends SubscriptionDeps {
  /** Brings the mailbox in step now (a delta pass from its saved token, as the periodic pass does). */
  readonly sync: (mailbox: string) => void;
  readonly log: Logger;
}

export type LifecycleOutcome = 'renewed' | 'recreated' | 'resynced' | 'ignored';

/**
 * Handles Graph's lifecycle notifications (change-notifications-lifecycle-events.md), each only
 * when its subscription and clientState are the product's own:
 * - reauthorizationRequired: renew (PATCH …/subscriptions/{id} reauthorizes and renews); a
 *   subscription already gone is made again;
 * - subscriptionRemoved: make the subscription again, then bring the mailbox in step, since
 *   nothing was notified between the removal and the new subscription;
 * - missed: some notifications were not delivered: bring the mailbox in step by its delta query.
 * Each is logged by code only; what fails is left to the next periodic pass, which renews and
 * synchronises anyway.
 */
export async function handleLifecycleNotifications(deps: LifecycleDeps, body: z.infer<typeof ZLifecycleNotifications>): Promise<LifecycleOutcome[]> {
  const outcomes: LifecycleOutcome[] = [];
  // Read once per batch, however many items it holds (up to 1,000).
  const known = await deps.store.subscriptionsById();
  for (const item of body.value) {
    const found = known.get(item.subscriptionId);
    if (!found || found.subscription.clientState !== item.clientState) {
      outcomes.push('ignored');
      continue;
    }
    const { mailbox, subscription } = found;
    let outcome: LifecycleOutcome = 'ignored';
    try {
      if (item.lifecycleEvent === 'reauthorizationRequired') {
        const renewed = await deps.gateway.renew(subscription.subscriptionId, new Date(deps.nowMs() + LIFETIME_MS).toISOString());
        if (renewed) {
          await deps.store.saveSubscription(mailbox, { ...subscription, expiresAt: renewed.expiresAt });
          outcome = 'renewed';
        } else {
          await subscribe(deps, mailbox);
          deps.sync(mailbox);
          outcome = 'recreated';
        }
      } else if (item.lifecycleEvent === 'subscriptionRemoved') {
        await subscribe(deps, mailbox);
        deps.sync(mailbox);
        outcome = 'recreated';
      } else if (item.lifecycleEvent === 'missed') {
        deps.sync(mailbox);
        outcome = 'resynced';
      }
      deps.log.info('calendar_sync.lifecycle', { code: 'calendar_sync.lifecycle', lifecycleEvent: outcome === 'ignored' ? 'unknown' : item.lifecycleEvent, outcome });
    } catch (error) {
      deps.log.warn('calendar_sync.lifecycle_failed', { ...errorFields(error), lifecycleEvent: item.lifecycleEvent.slice(0, 40) });
    }
    // Made again: a repeat of the item in this batch names a subscription that is gone.
    if (outcome === 'recreated') known.delete(item.subscriptionId);
    outcomes.push(outcome);
  }
  return outcomes;
}
