import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { ConversationContext } from './context.js';
import type { ActionOutcome, Speaker } from './reply.js';

/** One Action.Execute verb's handler; `data` is the card's submitted data, still unvalidated. */
export type VerbHandler = (ctx: ConversationContext, speaker: Speaker, data: Record<string, unknown> | undefined) => Promise<ActionOutcome>;

/** Who is acting, from the authenticated activity; refused with `refusal` when the channel sent no id. */
export function speakerIdOf(speaker: Speaker, refusal = 'I could not tell who you are.'): string {
  if (!speaker.personId) throw new AppError('forbidden', refusal);
  return speaker.personId;
}

/** A card's submitted data through its schema; anything else is refused with `refusal` on the card. */
export function cardData<T>(schema: z.ZodType<T>, data: Record<string, unknown> | undefined, refusal: string): T {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) throw new AppError('invalid_input', refusal);
  return parsed.data;
}
