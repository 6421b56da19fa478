import type { ConversationContext } from './context.js';
import type { ActionOutcome, Speaker } from './reply.js';

/** One Action.Execute verb's handler; `data` is the card's submitted data, still unvalidated. */
export type VerbHandler = (ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined) => Promise<ActionOutcome>;
