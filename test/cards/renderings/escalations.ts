/** Sample renderings of the escalations cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
export const escalationsRenderings: Record<string, object> = {};
