import type { Person } from '../domain/people/person.js';
import { productRoleOf, type ProductRole } from '../domain/people/product-role.js';
import type { ConversationContext } from './context.js';
import type { Speaker } from './reply.js';

export interface KnownSpeaker {
  readonly person: Person | undefined;
  readonly role: ProductRole;
  readonly manager: Person | undefined;
  readonly reportCount: number;
}

/** Looks the speaker up in the directory; someone the directory does not know is a supervisee. */
export async function identify(ctx: ConversationContext, speaker: Speaker): Promise<KnownSpeaker> {
  if (!speaker.personId) return { person: undefined, role: 'supervisee', manager: undefined, reportCount: 0 };
  const person = await ctx.directory.getPerson(speaker.personId);
  if (!person) return { person: undefined, role: 'supervisee', manager: undefined, reportCount: 0 };
  const [manager, reports] = await Promise.all([ctx.directory.getManager(person.id), ctx.directory.getDirectReports(person.id)]);
  return { person, role: productRoleOf(person, reports.length), manager, reportCount: reports.length };
}
