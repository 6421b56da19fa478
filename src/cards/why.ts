import { z } from 'zod';

/**
 * "Why?": wherever a card cites a rule, the policy's own sentence is one click away (issue 10
 * item 1). The card it opens is built here once; a template places the button next to the text
 * that cites the rule, binding the object ZWhyCard makes:
 *   { "$when": "${why != null}", "type": "ActionSet", "actions": [{ "type": "Action.ShowCard", "title": "Why?", "card": "${why}" }] }
 * Templating inserts a bound object as it is, so the policy's words are never read as template
 * expressions.
 */
export const ZWhy = z.object({
  /** The policy's sentence (src/policy/why.ts PolicyWhy). */
  quote: z.string().min(1).max(300),
  /** Where it is: "Supervision policy, paragraph 3.12". */
  label: z.string().min(1).max(300),
});
export type WhyData = z.input<typeof ZWhy>;

/**
 * The opened card: the quote, then the label. RichTextBlock, not TextBlock, so a policy's
 * underscores and asterisks are shown as written rather than read as Markdown.
 */
export function whyCard(why: WhyData) {
  return {
    type: 'AdaptiveCard' as const,
    body: [
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `“${why.quote}”`, italic: true }] },
      { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: why.label, isSubtle: true, size: 'Small' }] },
    ],
  };
}

/** ZWhy as template data: the ShowCard's card, ready to bind. */
export const ZWhyCard = ZWhy.transform(whyCard);
