import type { VerbHandler } from '../verb.js';

/** The record card's and sign-off card's verbs (issue 5 items 2–3, 6). */
export const recordVerbs: Readonly<Record<string, VerbHandler>> = {};
