import type { AdaptiveCardJson } from '../cards/render-card.js';

/** What the product says back, independent of the bot SDK that delivers it. */
export type Reply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'card'; readonly card: AdaptiveCardJson; readonly summary: string };

export const text = (value: string): Reply => ({ kind: 'text', text: value });
export const card = (value: AdaptiveCardJson, summary: string): Reply => ({ kind: 'card', card: value, summary });

/** Who is speaking, as the channel authenticated them. */
export interface Speaker {
  /** Entra object id (aadObjectId), absent when the channel did not send one. */
  readonly personId: string | undefined;
  readonly displayName: string | undefined;
}

/**
 * What a card button (Action.Execute) gets back: `card` replaces the card that was pressed (the
 * invoke response), `replies` are further messages in the chat, and `refusal` is shown on the
 * card as an error when the person may not do this.
 */
export interface ActionOutcome {
  readonly card?: AdaptiveCardJson | undefined;
  readonly replies: readonly Reply[];
  readonly refusal?: { readonly status: number; readonly code: string; readonly message: string } | undefined;
}
