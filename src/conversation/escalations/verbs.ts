import type { VerbHandler } from '../verb.js';

/** The escalation cards' verbs (issue 6 item 4). */
export const escalationVerbs: Readonly<Record<string, VerbHandler>> = {};
