import { activityFrom, type ChannelActivity, type ConnectorChannel } from './connector-channel.js';
import { until } from './until.js';

/**
 * Talks to the bot the way Teams does, as any demo person: chat messages and Adaptive Card
 * Action.Execute invokes over the Bot Framework protocol. Used by `npm run demo` and the tests.
 */
export interface CardJson {
  readonly body?: unknown[];
  readonly actions?: readonly { type: string; title?: string; verb?: string; data?: Record<string, unknown>; card?: CardJson }[];
  readonly [key: string]: unknown;
}

export interface InvokeAnswer {
  readonly statusCode: number;
  readonly type: string;
  readonly value: CardJson & { code?: string; message?: string };
}

export interface DemoUser {
  readonly id: string;
  readonly name: string;
}

export class BotDriver {
  constructor(
    /** Changes when the bot restarts on another port. */
    public botUrl: string,
    readonly channel: ConnectorChannel,
  ) {}

  private async post(body: object): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** Sends a chat message and returns what the bot answered in that turn. */
  async say(who: DemoUser, text: string): Promise<ChannelActivity[]> {
    return (await this.turn(who, { type: 'message', text })).filter((a) => a.conversation?.id === personalChat(who));
  }

  /** Sends any activity from a person's personal chat (a message, installationUpdate, conversationUpdate, a raw invoke) and returns the HTTP answer unchecked. */
  async send(who: DemoUser, fields: Record<string, unknown>): Promise<Response> {
    return this.post(activityFrom(this.channel, who, fields));
  }

  /** Sends an activity and returns everything that reached the channel once `expected` activities arrived (every chat, not only the sender's). */
  async turn(who: DemoUser, fields: Record<string, unknown>, expected = 1): Promise<ChannelActivity[]> {
    const before = this.channel.received.length;
    const res = await this.send(who, fields);
    if (res.status >= 300) throw new Error(`the bot answered ${res.status} to ${fields['type'] === 'message' ? 'a message' : `an ${String(fields['type'])} activity`}`);
    await this.channel.waitFor(before + expected);
    return this.channel.received.slice(before);
  }

  /** Presses a card button: Teams sends the action's data merged with the card's inputs. */
  async press(who: DemoUser, verb: string, data: Record<string, unknown>): Promise<InvokeAnswer> {
    const res = await this.post(activityFrom(this.channel, who, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
    if (res.status !== 200) throw new Error(`the bot answered ${res.status} to ${verb}`);
    return (await res.json()) as InvokeAnswer;
  }

  /** Everything that reached a person's personal chat since index `from` of channel.received. */
  to(who: DemoUser, from: number): ChannelActivity[] {
    return this.channel.received.slice(from).filter((a) => a.conversation?.id === personalChat(who));
  }

  mark(): number {
    return this.channel.received.length;
  }

  /** The first card that reaches `who` after `from` and passes `test`. */
  async cardTo(who: DemoUser, from: number, what: string, test: (card: CardJson) => boolean = () => true, timeoutMs = 30_000): Promise<CardJson> {
    return until(what, () => this.to(who, from).map(cardIn).find((c): c is CardJson => c !== undefined && test(c)), timeoutMs);
  }
}

export function personalChat(who: DemoUser): string {
  return `a:personal-${who.id}`;
}

export function cardIn(activity: ChannelActivity | undefined): CardJson | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as CardJson | undefined;
}

/** What Teams sends on Action.Execute from a card: each input's current value by id. */
export function inputsOf(card: CardJson): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (typeof el['id'] === 'string' && typeof el['type'] === 'string' && el['type'].startsWith('Input.')) values[el['id']] = el['value'] === undefined ? '' : String(el['value']);
    for (const v of Object.values(el)) if (typeof v === 'object') walk(v);
  };
  walk(card.body);
  return values;
}

/** A button by verb, on the card or inside one of its Action.ShowCard cards. */
export function actionOf(card: CardJson, verb: string) {
  const all = [...(card.actions ?? []), ...(card.actions ?? []).flatMap((a) => a.card?.actions ?? [])];
  const found = all.find((a) => a.verb === verb);
  if (found) return found;
  // Buttons may also sit in ActionSets inside the body.
  let nested: { verb?: string; title?: string; data?: Record<string, unknown> } | undefined;
  const walk = (node: unknown): void => {
    if (nested || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const el = node as Record<string, unknown>;
    if (el['verb'] === verb) nested = el as { verb?: string; title?: string; data?: Record<string, unknown> };
    for (const v of Object.values(el)) if (typeof v === 'object') walk(v);
  };
  walk(card.body);
  return nested;
}
