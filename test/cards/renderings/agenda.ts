/** Sample renderings of the agenda cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
export const agendaRenderings: Record<string, object> = {};
