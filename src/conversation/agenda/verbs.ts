import type { VerbHandler } from '../verb.js';

/** The preparation card's and agenda's verbs (issue 5 item 1). */
export const agendaVerbs: Readonly<Record<string, VerbHandler>> = {};
