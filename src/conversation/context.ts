import type { Directory } from '../domain/people/person.js';

/** What conversation handlers may use; the composition root provides it. */
export interface ConversationContext {
  readonly directory: Directory;
  readonly councilName: string;
}
