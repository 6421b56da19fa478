import type { AdaptiveCardJson } from './render-card.js';

export interface WelcomeAgreementAction {
  readonly title: string;
  readonly verb: 'agreementNew' | 'agreementShow';
  readonly data?: Record<string, string>;
}

/**
 * Adds the agreement buttons (and a line saying what waits for the person) to an already rendered
 * welcome card. The welcome template (cards/welcome.json) belongs to the onboarding work; these
 * additions depend on the agreement store, so they are appended here rather than templated there.
 */
export function withAgreementActions(card: AdaptiveCardJson, actions: readonly WelcomeAgreementAction[], note?: string): AdaptiveCardJson {
  if (actions.length === 0 && !note) return card;
  const body = Array.isArray(card['body']) ? (card['body'] as unknown[]) : [];
  const existing = Array.isArray(card['actions']) ? (card['actions'] as unknown[]) : [];
  return {
    ...card,
    body: note ? [...body, { type: 'TextBlock', text: note, wrap: true, weight: 'Bolder', color: 'Accent', spacing: 'Medium' }] : body,
    actions: [...actions.map((a) => ({ type: 'Action.Execute', title: a.title, verb: a.verb, data: a.data ?? {} })), ...existing],
  };
}
