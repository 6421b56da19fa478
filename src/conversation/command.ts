import type { ConversationContext } from './context.js';
import type { Reply, Speaker } from './reply.js';

/** A chat command: what a person types, and what the bot does. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  /** Normalised phrases that invoke the command. */
  readonly phrases: readonly string[];
  /**
   * Normalised words that start the command and take the rest of the message, as typed, as its
   * argument ("add to agenda training plan", "remove 2").
   */
  readonly prefixes?: readonly string[] | undefined;
  run(ctx: ConversationContext, speaker: Speaker, argument?: string): Promise<Reply[]>;
}
