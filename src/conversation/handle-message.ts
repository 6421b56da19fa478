import { commands, welcome } from './commands.js';
import type { ConversationContext } from './context.js';
import { text, type Reply, type Speaker } from './reply.js';
import { findCommand, suggestCommand } from './understand.js';

/** Answers a chat message. Something it does not understand gets a useful answer, never silence. */
export async function handleMessage(ctx: ConversationContext, speaker: Speaker, input: string): Promise<Reply[]> {
  const command = findCommand(commands, input);
  if (command) return command.run(ctx, speaker);
  const guess = suggestCommand(commands, input);
  if (guess) return [text(`I didn't recognise that. Did you mean "${guess.usage}"? Type "help" to see everything I can do.`)];
  return [text('Sorry, I didn\'t understand that. Type "help" to see what I can do for you.')];
}

export async function handleInstall(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  return welcome(ctx, speaker);
}

/** Card buttons (Action.Execute verbs) that only need a reply. */
export async function handleVerb(ctx: ConversationContext, speaker: Speaker, verb: string): Promise<Reply[] | undefined> {
  if (verb === 'showHelp') return findCommand(commands, 'help')?.run(ctx, speaker);
  return undefined;
}
