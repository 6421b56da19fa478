import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

/** A session's agenda, numbered, with open actions carried over and a field to add an item (issue 5 item 1, cards/agenda.json). */
export const ZAgendaCardData = z.object({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  /** Fresh per rendering: the add button's idempotency key. */
  itemId: z.string().min(1),
  title: z.string().min(1),
  intro: z.string().min(1),
  /** Camden §6 (L106): the session begins with the worker's welfare. */
  welfareNote: z.string().default(''),
  items: z.array(z.object({ line: z.string().min(1) })),
  carried: z.array(z.object({ line: z.string().min(1) })),
  preparation: z.string().default(''),
  notice: z.string().default(''),
  error: z.string().default(''),
  newItem: z.string().default(''),
  caseRef: z.string().default(''),
  caseLabel: z.string().min(1),
  caseExample: z.string().min(1),
  caseHint: z.string().min(1),
  /** The policy's words behind caseHint (Sefton App 3: "use only LCS number"), when the pack has them. */
  caseWhy: ZWhyCard.optional(),
  canPrepare: z.boolean(),
});
export type AgendaCardData = z.input<typeof ZAgendaCardData>;

export function agendaCard(data: AgendaCardData) {
  return renderCard('agenda', ZAgendaCardData, data);
}

/** "Add to the agenda for Tue 1 Dec?" for a sentence the bot did not understand (cards/agenda-offer.json). */
export const ZAgendaOfferCardData = z.object({
  title: z.string().min(1),
  quoted: z.string().min(1),
  note: z.string().default(''),
  options: z.array(z.object({
    title: z.string().min(1),
    agreementId: z.string().min(1),
    sessionId: z.string().min(1),
    itemId: z.string().min(1),
    text: z.string().min(1).max(1000),
  })).max(5),
});
export type AgendaOfferCardData = z.input<typeof ZAgendaOfferCardData>;

export function agendaOfferCard(data: AgendaOfferCardData) {
  return renderCard('agenda-offer', ZAgendaOfferCardData, data);
}
