import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { CalendarSyncRepository } from '../../repositories/calendar-sync.js';

export { ZChangeSubscription, type ChangeSubscription } from '../../repositories/calendar-sync.js';

export interface SubscriptionGateway {
  create(mailboxId: string, notificationUrl: string, clientState: string, expiresAt: string): Promise<{ id: string; expiresAt: string }>;
  renew(subscriptionId: string, expiresAt: string): Promise<{ expiresAt: string } | undefined>;
}

export interface SubscriptionDeps {
  readonly gateway: SubscriptionGateway;
  readonly store: CalendarSyncRepository;
  readonly agreements: AgreementRepository;
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
  for (const agreement of await deps.agreements.list()) {
    if (agreement.status === 'booked') supervisors.add(agreement.terms.supervisorId);
  }
  let created = 0;
  let renewed = 0;
  for (const mailbox of supervisors) {
    const current = await deps.store.subscription(mailbox);
    const expiresAt = new Date(deps.nowMs() + LIFETIME_MS).toISOString();
    if (current && Date.parse(current.expiresAt) - deps.nowMs() > RENEW_WITHIN_MS) continue;
    if (current) {
      const result = await deps.gateway.renew(current.subscriptionId, expiresAt);
      if (result) {
        await deps.store.saveSubscription(mailbox, { ...current, expiresAt: result.expiresAt });
        renewed++;
        continue;
      }
    }
    const clientState = randomUUID();
    const sub = await deps.gateway.create(mailbox, deps.notificationUrl, clientState, expiresAt);
    const value = { subscriptionId: sub.id, clientState, expiresAt: sub.expiresAt };
    await deps.store.saveSubscription(mailbox, value);
    created++;
  }
  return { created, renewed };
}

export const ZChangeNotifications = z.object({
  value: z.array(z.object({ subscriptionId: z.string(), clientState: z.string().optional(), resource: z.string(), changeType: z.string() })).max(1000),
});

/** The mailboxes a notification batch really concerns: only items whose subscription and clientState match. */
export async function mailboxesToSync(store: CalendarSyncRepository, body: z.infer<typeof ZChangeNotifications>): Promise<string[]> {
  const mailboxes = new Set<string>();
  for (const item of body.value) {
    const mailbox = /^users\/([^/]+)\/events/i.exec(item.resource)?.[1];
    if (!mailbox) continue;
    const known = await store.subscription(mailbox);
    if (known && known.subscriptionId === item.subscriptionId && known.clientState === item.clientState) mailboxes.add(mailbox);
  }
  return [...mailboxes];
}
