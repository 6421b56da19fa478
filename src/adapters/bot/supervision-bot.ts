import {
  ActivityHandler,
  ConversationState,
  CardFactory,
  MessageFactory,
  StatusCodes,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { ConversationContext } from '../../conversation/context.js';
import { handleInstall, handleMessage, handleVerb } from '../../conversation/handle-message.js';
import type { Reply, Speaker } from '../../conversation/reply.js';
import type { Logger } from '../../observability/logger.js';
import type { ConversationReferences } from './conversation-references.js';
import { inSharedChat, MEETING_END, MEETING_START, SHARED_CHAT_REPLY, SHARED_CHAT_WELCOME, ZMeetingEvent } from './meeting-chat.js';

export interface BotState {
  readonly conversationState: ConversationState;
  readonly references: ConversationReferences;
  readonly now: () => string;
  /** A Teams meeting the bot is in has ended: the record card may go out now (issue 5 item 2). */
  readonly onMeetingEnd?: ((joinUrl: string) => Promise<void>) | undefined;
  /**
   * The channels whose from.aadObjectId names a person (issue 16). In tenant mode only Teams, where
   * the Bot Framework token proves the channel vouches for the id; any other channel (Web Chat, Direct
   * Line) lets the caller write any id, so its activities act as nobody. Absent: every channel (sandbox).
   */
  readonly personChannels?: readonly string[] | undefined;
}

const ZActionInvoke = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Teams' invoke for an Adaptive Card's Action.Execute: the only invoke the app's cards send. */
const CARD_ACTION = 'adaptiveCard/action';

export async function send(context: TurnContext, replies: readonly Reply[]): Promise<void> {
  for (const reply of replies) {
    if (reply.kind === 'text') await context.sendActivity(MessageFactory.text(reply.text));
    else await context.sendActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)), summary: reply.summary });
  }
}

/**
 * Translates Bot Framework activities into conversation calls. Everything the bot decides lives in
 * src/conversation and the domain, so replacing this SDK touches only this folder.
 */
export class SupervisionBot extends ActivityHandler {
  constructor(
    private readonly ctx: ConversationContext,
    readonly log: Logger,
    private readonly state: BotState,
  ) {
    super();

    this.onMessage(async (context, next) => {
      const input = context.activity.text ?? '';
      if (inSharedChat(context)) {
        // A meeting chat: nothing about anyone's supervision is posted where others can read it.
        await send(context, [{ kind: 'text', text: SHARED_CHAT_REPLY }]);
      } else if (!input.trim()) {
        await send(context, [{ kind: 'text', text: 'I can only read text for now. Type "help" to see what I can do.' }]);
      } else {
        await send(context, await handleMessage(this.ctx, this.speakerOf(context), input));
      }
      await next();
    });

    this.onEvent(async (context, next) => {
      // From the meeting's chat (the bot is there with OnlineMeeting.ReadBasic.Chat): the end event
      // sends the record card to the supervisor's own chat at once; nothing is posted in the meeting.
      if (context.activity.channelId === 'msteams' && context.activity.name === MEETING_END && this.state.onMeetingEnd) {
        const parsed = ZMeetingEvent.safeParse(context.activity.value);
        if (parsed.success) await this.state.onMeetingEnd(parsed.data.JoinUrl);
        else this.log.warn('bot.invalid_meeting_end');
      } else if (context.activity.channelId === 'msteams' && context.activity.name === MEETING_START) {
        this.log.info('bot.meeting_started', { valid: ZMeetingEvent.safeParse(context.activity.value).success });
      }
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      if (inSharedChat(context)) await send(context, [{ kind: 'text', text: SHARED_CHAT_WELCOME }]);
      else await send(context, await handleInstall(this.ctx, this.speakerOf(context)));
      await next();
    });

    // Teams announces a personal install with installationUpdate (greeted above); other channels
    // only send membersAdded. Greeting on both would welcome a person twice.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.channelId !== 'msteams' && !inSharedChat(context)) {
        const botId = context.activity.recipient?.id;
        for (const member of context.activity.membersAdded ?? []) {
          if (member.id === botId) continue;
          await send(context, await handleInstall(this.ctx, { personId: this.mayActAsPerson(context) ? member.aadObjectId : undefined, displayName: member.name }));
        }
      }
      await next();
    });
  }

  /** Whether this activity's channel may name the person acting (BotState.personChannels). */
  private mayActAsPerson(context: TurnContext): boolean {
    const allowed = this.state.personChannels;
    return allowed === undefined || allowed.includes(context.activity.channelId);
  }

  private speakerOf(context: TurnContext): Speaker {
    const from = context.activity.from;
    return { personId: this.mayActAsPerson(context) ? from?.aadObjectId : undefined, displayName: from?.name };
  }

  /** Every turn: remember how to reach the person, then persist conversation state. */
  override async run(context: TurnContext): Promise<void> {
    // Only a channel that vouches for the person may become the way to reach them.
    if (this.mayActAsPerson(context)) await this.state.references.remember(context, this.state.now());
    await super.run(context);
    await this.state.conversationState.saveChanges(context, false);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // Any other invoke (composeExtension/query, task/fetch…) is one no card of this app sends:
    // a plain refusal, not the SDK's 501 (issue 16 L2).
    if (context.activity.name !== CARD_ACTION) {
      this.log.warn('bot.unsupported_invoke');
      return { status: StatusCodes.BAD_REQUEST, body: { code: 'NotSupported', message: 'Supervision Assistant does not handle that request. Please type "help".' } };
    }
    // No card of this app is ever posted in a shared chat, so no press can come from one.
    if (inSharedChat(context)) return cardActionError(StatusCodes.BAD_REQUEST, 'NotSupported', SHARED_CHAT_REPLY);
    const parsed = ZActionInvoke.safeParse(context.activity.value);
    if (!parsed.success) {
      this.log.warn('bot.invalid_card_action');
      return cardActionError(StatusCodes.BAD_REQUEST, 'BadRequest', 'That card action was not recognised. Please type "help".');
    }
    const outcome = await handleVerb(this.ctx, this.speakerOf(context), parsed.data.action.verb, parsed.data.action.data);
    if (!outcome) {
      return cardActionError(StatusCodes.BAD_REQUEST, 'NotSupported', `The action "${parsed.data.action.verb}" is not available.`);
    }
    if (outcome.refusal) {
      this.log.info('bot.card_action_refused', { verb: parsed.data.action.verb, code: outcome.refusal.code });
      return cardActionError(outcome.refusal.status, outcome.refusal.code, outcome.refusal.message);
    }
    await send(context, outcome.replies);
    // Universal Actions: returning a card replaces the one that was pressed, for this person only.
    if (outcome.card) return { status: StatusCodes.OK, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card } };
    return { status: StatusCodes.OK, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done' } };
  }
}

function cardActionError(status: number, code: string, message: string): InvokeResponse {
  return { status: StatusCodes.OK, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

