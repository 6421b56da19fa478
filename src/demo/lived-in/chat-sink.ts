import type { SandboxChats } from '../../sandbox/chats/chat-store.js';
import type { ChatSink } from './wiring.js';

/** The story's messages into the sandbox chats, at the story's time. */
export function chatSink(chats: SandboxChats): ChatSink {
  return (personId, replies, at) => {
    for (const reply of replies) {
      if (reply.kind === 'text') chats.add(personId, { at, text: reply.text });
      else chats.add(personId, { at, card: reply.card, summary: reply.summary });
    }
  };
}
