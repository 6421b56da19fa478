import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

const fact = z.object({ title: z.string().min(1), value: z.string() });
const noticeStyle = z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']).default('emphasis');

/** The supervisor's record card (cards/record.json, issue 5 item 2). Input ids come from src/domain/records/form.ts. */
export const ZRecordCardData = z.object({
  agreementId: z.string().min(1),
  sessionId: z.string().min(1),
  /** How many versions the card was opened on (0 = first share); a string so the template binds it as one. */
  basedOn: z.string().regex(/^\d+$/),
  title: z.string().min(1),
  intro: z.string().min(1),
  /** The policy's words for the sharing deadline the intro gives. */
  shareWhy: ZWhyCard.optional(),
  notice: z.string().default(''),
  noticeStyle,
  facts: z.array(fact),
  errorSummary: z.string().default(''),
  standingHint: z.string().min(1),
  /** The policy's words for the standing agenda. */
  standingWhy: ZWhyCard.optional(),
  standingItems: z.array(z.object({ statusId: z.string().min(1), notesId: z.string().min(1), label: z.string().min(1), status: z.string(), notes: z.string(), error: z.string(), statusOnly: z.boolean().default(false) })),
  /** A case item (issue 14 item 2) has its category choice and "discussed" toggle; other items have empty ids. */
  agendaItems: z.array(z.object({
    line: z.string().min(1),
    caseCategoryId: z.string().default(''),
    caseDiscussedId: z.string().default(''),
    category: z.string().default(''),
    discussed: z.enum(['true', 'false']).default('false'),
    caseClosedId: z.string().default(''),
    closed: z.enum(['true', 'false']).default('false'),
    categories: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).default([]),
    caseError: z.string().default(''),
  })),
  discussion: z.string(),
  discussionError: z.string(),
  decisions: z.string(),
  actions: z.array(z.object({
    textId: z.string().min(1), ownerId: z.string().min(1), dueId: z.string().min(1), label: z.string().min(1),
    text: z.string(), owner: z.string(), due: z.string(), textError: z.string(), ownerError: z.string(), dueError: z.string(),
  })),
  /** The slots' action ids, comma-separated (stable across versions). */
  actionIds: z.string().min(1),
  supervisorName: z.string().min(1),
  superviseeName: z.string().min(1),
  personalIssues: z.string(),
  personalIssuesError: z.string(),
  disagreementNoted: z.string(),
  nextMeetingDate: z.string(),
  nextMeetingError: z.string(),
  shareTitle: z.string().min(1),
  canMarkNotHeld: z.boolean(),
  /** The pack's allowed postponement reasons (Camden §6 (L102) CA-E2); empty where the policy lists none. */
  notHeldReasons: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) })).default([]),
  notHeldReasonsLabel: z.string().default('Why was it postponed?'),
  /** The policy's words for the allowed reasons. */
  notHeldWhy: ZWhyCard.optional(),
});
export type RecordCardData = z.input<typeof ZRecordCardData>;

export function recordCard(data: RecordCardData) {
  return renderCard('record', ZRecordCardData, data);
}
