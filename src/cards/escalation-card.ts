import { z } from 'zod';
import type { MessageItem, OutboundMessage } from '../domain/ports/messenger.js';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/**
 * Reminders, nudges and escalations as one card (issue 6 item 4): a digest lists each item with
 * what is late, since when, the policy paragraph, and that item's buttons (rebook now,
 * acknowledge, add a note, open the record). Verbs: src/conversation/escalations/verbs.ts
 * (recordOpen belongs to the records flow).
 */
const ZId = z.string().min(1).max(300);
export const ZEscalationCardData = z.object({
  title: z.string().min(1),
  intro: z.string().default(''),
  items: z.array(z.object({
    heading: z.string().min(1),
    color: z.enum(['Default', 'Attention', 'Good', 'Warning']).default('Default'),
    what: z.string().min(1),
    facts: z.array(z.object({ title: z.string().min(1), value: z.string() })),
    agreementId: ZId,
    obligationId: ZId,
    sessionId: z.string().max(300).default(''),
    /** The Input.Text id of this item's note: unique on the card. */
    noteField: z.string().regex(/^note_\d+$/),
    acknowledge: z.boolean(),
    note: z.boolean(),
    rebook: z.boolean(),
    openRecord: z.boolean(),
    /** The policy's words for the item's citation, under "Why?". */
    why: ZWhyCard.optional(),
  })).min(1).max(50),
});
export type EscalationCardData = z.input<typeof ZEscalationCardData>;

export function escalationCard(data: EscalationCardData) {
  return renderCard('escalation', ZEscalationCardData, data);
}

/** Each rung's colour: the step decides, so rewording a heading never changes how urgent it looks. */
const COLOR: Record<MessageItem['step'], 'Default' | 'Attention' | 'Good' | 'Warning'> = {
  reminder: 'Default',
  nudge: 'Warning',
  'line-manager': 'Attention',
  'next-tier': 'Attention',
  closed: 'Good',
};

/** The card for a message the sweep composed (composeDigest gives its items). */
export function escalationCardFor(message: OutboundMessage) {
  const items = (message.items ?? []).map((item, i) => {
    const verbs = new Set(item.actions.map((a) => a.verb));
    const data = (verb: string) => item.actions.find((a) => a.verb === verb)?.data ?? {};
    const any = item.actions[0]?.data ?? {};
    return {
      heading: item.heading,
      color: COLOR[item.step],
      what: item.what,
      facts: [...item.facts],
      agreementId: any.agreementId ?? 'none',
      obligationId: any.obligationId ?? data('acknowledge').obligationId ?? 'none',
      sessionId: data('open-record').sessionId ?? '',
      noteField: `note_${i}`,
      acknowledge: verbs.has('acknowledge'),
      note: verbs.has('add-note'),
      rebook: verbs.has('rebook'),
      openRecord: verbs.has('open-record') && Boolean(data('open-record').sessionId),
      why: item.why,
    };
  });
  return escalationCard({ title: message.title, intro: items.length > 1 ? `${items.length} items today.` : '', items });
}
