import { randomUUID } from 'node:crypto';
import type { DemoOrg, DemoPerson } from '../demo-org.js';
import { sandboxChatId } from '../chats/routes.js';

/**
 * Everyone who is not in a Playground gets their sandbox chat as the way the bot reaches them
 * (issue 15 item 2), as Teams does when a council installs the app for its staff: a
 * conversationUpdate from the person's one-to-one chat, which the bot remembers as their
 * conversation reference. Done at every start, so a reference left pointing at a Playground of an
 * earlier run (gone now) is replaced, and a message is never "sent" into a chat that no longer exists.
 */
export async function registerSandboxChats(input: {
  readonly botUrl: string;
  readonly tenantUrl: string;
  readonly org: DemoOrg;
  /** People in a Playground now: the Playground is their chat. */
  readonly except: ReadonlySet<string>;
}): Promise<number> {
  const serviceUrl = `${input.tenantUrl}/_sandbox/chats/connector`;
  const people = input.org.people.filter((p) => !input.except.has(p.id));
  let registered = 0;
  // A few at a time: the bot is starting its background work too.
  for (let i = 0; i < people.length; i += 8) {
    const answers = await Promise.all(people.slice(i, i + 8).map((p) => post(input.botUrl, activityFor(p, serviceUrl, input.org.tenantId))));
    registered += answers.filter(Boolean).length;
  }
  return registered;
}

function activityFor(p: DemoPerson, serviceUrl: string, tenantId: string): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    channelId: 'msteams',
    serviceUrl,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    from: { id: `29:${p.id}`, name: p.displayName, aadObjectId: p.id },
    recipient: { id: '28:supervision-assistant', name: 'Supervision Assistant' },
    conversation: { id: sandboxChatId(p.id), conversationType: 'personal', tenantId },
    membersAdded: [{ id: '28:supervision-assistant' }],
    channelData: { tenant: { id: tenantId } },
  };
}

async function post(botUrl: string, activity: Record<string, unknown>): Promise<boolean> {
  try {
    const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(30_000) });
    return res.ok;
  } catch {
    return false;
  }
}
