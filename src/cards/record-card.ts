import { z } from 'zod';
import { renderCard } from './render-card.js';
import { ZWhyCard } from './why.js';

const fact = z.object({ title: z.string().min(1), value: z.string() });
const noticeStyle = z.enum(['default', 'good', 'attention', 'warning', 'accent', 'emphasis']).default('emphasis');

/**
 * The supervisor's record card (cards/record.json, issue 5 item 2). Input ids come from
 * src/domain/records/form.ts.
 *
 * Compact (issue 15 item 5): each standing item is one drop-down (addressed / not applicable)
 * with its notes box hidden behind a "Notes" button (Action.ToggleVisibility), and one action row
 * shows, the others pre-declared hidden and revealed one at a time by "Add another action". Rows
 * are revealed on the client rather than by an Action.Execute that returns the card with one more
 * row: Teams replaces a card with whatever the bot answers (and refreshes this one by itself,
 * `refresh` → recordOpen, from the saved draft), so a round trip keeps what was typed only if the
 * bot echoes every field back or saves a draft on each click; Action.ToggleVisibility never leaves
 * the client, so what is typed stays where it is, and hidden inputs are still sent with the
 * card's Action.Execute (associatedInputs auto gathers every input, shown or not). Dates are typed
 * (Input.Text, read with parseBritishDate) because hosts show Input.Date in their own locale,
 * American in the Playground, as the agreement form found (issue 15 item 3).
 */
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
  standingItems: z.array(z.object({
    statusId: z.string().min(1), notesId: z.string().min(1), label: z.string().min(1), status: z.string(), notes: z.string(), error: z.string(), statusOnly: z.boolean().default(false),
    /** The name of the policy's list this item starts, where the role has several ('' otherwise). */
    heading: z.string().default(''),
    /** The notes box shows at first only when it holds something or has a message. */
    notesVisible: z.boolean().default(false),
  })),
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
    /** The row's container, shown at first when it or a later row holds something (the first always). */
    rowId: z.string().min(1), visible: z.boolean(),
    /** The row revealed by this row's "Add another action" ('' for the last row), the button's id, and whether it shows. */
    nextRowId: z.string().default(''), addId: z.string().min(1), showAdd: z.boolean(),
  })),
  /** The slots' action ids, comma-separated (stable across versions). */
  actionIds: z.string().min(1),
  supervisorName: z.string().min(1),
  superviseeName: z.string().min(1),
  personalIssues: z.string(),
  personalIssuesError: z.string(),
  disagreementNoted: z.string(),
  /** Typed as the supervisor reads it ("Tuesday 5 January 2027"), never ISO. */
  nextMeetingDate: z.string(),
  /** The placeholder of the date boxes. */
  dateExample: z.string().min(1).default('for example 15/12/2026'),
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
