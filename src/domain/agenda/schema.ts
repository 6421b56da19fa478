import { z } from 'zod';

/**
 * A session's agenda (issue 5 item 1; rules.md §4). Key: partition = agreementId, id = sessionId.
 * Items are numbered for people ("remove 2") by their position; itemId is what stays stable.
 */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/);

export const ZAgendaItem = z.strictObject({
  itemId: z.string().min(1).max(100),
  kind: z.enum(['topic', 'case', 'carried-action']),
  text: z.string().min(1).max(1000),
  /** A case item names the case by its reference in the pack's system (LCS or Mosaic), never by a child's name. */
  caseRef: z.string().max(40).optional(),
  /** For a carried-over action: the tracked action it stands for. */
  actionId: z.string().max(100).optional(),
  addedById: z.string().min(1).max(100),
  addedByRole: z.enum(['supervisee', 'supervisor']),
  addedAt: instant,
});
export type AgendaItem = z.infer<typeof ZAgendaItem>;

/** The supervisee's answers to the pack's preparation prompts (Buckinghamshire L26–35, Sefton App 3). */
export const ZPreparationAnswer = z.strictObject({
  prompt: z.string().min(1).max(500),
  answer: z.string().max(4000),
});
export type PreparationAnswer = z.infer<typeof ZPreparationAnswer>;

export const ZSessionAgenda = z.strictObject({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  items: z.array(ZAgendaItem).max(60),
  preparation: z.array(ZPreparationAnswer).max(30).default([]),
  preparationSavedAt: instant.optional(),
  /** When the preparation card went to the supervisee (sent once). */
  preparationSentAt: instant.optional(),
  updatedAt: instant,
});
export type SessionAgenda = z.infer<typeof ZSessionAgenda>;
