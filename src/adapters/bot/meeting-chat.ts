import type { TurnContext } from 'botbuilder';
import { z } from 'zod';

/**
 * The bot in a meeting's chat (issue 13 item 3). It is added to group chats, with the
 * resource-specific permission OnlineMeeting.ReadBasic.Chat, so that Teams' meeting start and end
 * events reach it; the end event sends the record card to the supervisor at once. A meeting chat
 * may be read by others, so the bot posts nothing there about anyone's supervision: no agenda, no
 * record, no card. A command typed there is answered with one neutral sentence, and the person uses
 * their own chat with the bot (or the meeting tab, which shows the agenda to the two parties only).
 */
export function inSharedChat(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' || context.activity.conversation?.isGroup === true;
}

export const SHARED_CHAT_REPLY =
  'Supervision is private, so I do not answer here: others can read this chat. Ask me in your own chat with Supervision Assistant, or open the Supervision tab in this meeting (only the supervisor and the supervisee see it).';

export const SHARED_CHAT_WELCOME =
  'Supervision Assistant is in this meeting to know when it starts and ends, so the supervisor gets the record card straight away. I post nothing about anyone\'s supervision in this chat.';

/** Teams' meeting events (application/vnd.microsoft.meetingStart / meetingEnd): only the join URL is used. */
export const MEETING_START = 'application/vnd.microsoft.meetingStart';
export const MEETING_END = 'application/vnd.microsoft.meetingEnd';
export const ZMeetingEvent = z.object({ JoinUrl: z.url().max(2000) });
