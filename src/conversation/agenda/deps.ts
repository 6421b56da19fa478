import type { AgendaDeps } from '../../usecases/agenda/deps.js';

/** What the agenda conversation needs (ConversationContext.agenda): the use cases' deps and fresh ids. */
export interface AgendaConversationDeps extends AgendaDeps {
  /** Fresh ids for agenda items offered on cards (the card's item id makes its submit idempotent). */
  readonly newId: () => string;
}
