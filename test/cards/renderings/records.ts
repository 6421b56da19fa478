/** Sample renderings of the records cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
export const recordsRenderings: Record<string, object> = {};
