import { z } from 'zod';
import type { DemoOrg, DemoPerson } from '../demo-org.js';
import { inspectorRoutes } from '../inspector/app.js';
import { html, json } from '../http/reply.js';
import { cardHtml, esc, markdown } from './card-html.js';
import type { SandboxChats } from './chat-store.js';

/**
 * The sandbox's Teams chats, on the tenant's server under /_sandbox/chats:
 *
 * - a Connector endpoint, /_sandbox/chats/connector/v3/conversations/{id}/activities[/{activityId}],
 *   which the bot sends proactive messages to for people who are not in a Playground, as it would
 *   to Teams (Bot Framework Connector API: POST to send or reply, PUT to update);
 * - the chats as people read them in the inspector: /_sandbox/chats (who has messages) and
 *   /_sandbox/chats/{alias or id} (one person's chat; `?format=json` for tests).
 *
 * The routes are added to the inspector's sub-app before the tenant mounts it (start.ts calls
 * mountSandboxChats before startSandboxTenant), so no tenant code needs to know about chats.
 */

/** The conversation id of a person's sandbox chat with the bot. */
export function sandboxChatId(personId: string): string {
  return `a:sandbox-chat-${personId}`;
}

const CHAT_ID = /^a:sandbox-chat-([0-9a-f-]{36})$/;

const ZActivity = z.object({
  type: z.string().max(100).optional(),
  text: z.string().max(100_000).optional(),
  summary: z.string().max(1000).optional(),
  timestamp: z.string().max(40).optional(),
  attachments: z.array(z.object({ contentType: z.string().max(200), content: z.unknown() })).max(10).optional(),
}).passthrough();

let mounted: SandboxChats | undefined;

function personOf(org: DemoOrg, key: string): DemoPerson | undefined {
  const k = key.toLowerCase();
  return org.people.find((p) => p.alias === k || p.id === k);
}

function store(): SandboxChats {
  if (!mounted) throw new Error('sandbox chats are not mounted');
  return mounted;
}

async function receive(conversationId: string, body: unknown, replaces?: string): Promise<Response> {
  const m = CHAT_ID.exec(decodeURIComponent(conversationId));
  if (!m?.[1]) return json(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
  const parsed = ZActivity.safeParse(body);
  if (!parsed.success) return json(400, { error: { code: 'BadArgument', message: 'The activity is not valid.' } });
  const a = parsed.data;
  // Typing indicators and the like carry nothing to read.
  if (a.type !== undefined && a.type !== 'message') return json(200, { id: `ignored-${Date.now()}` });
  const card = a.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  const id = store().add(m[1], {
    at: a.timestamp ?? new Date().toISOString(),
    ...(a.text ? { text: a.text } : {}),
    ...(a.summary ? { summary: a.summary } : {}),
    ...(card !== undefined ? { card } : {}),
    ...(replaces ? { replaces } : {}),
  });
  return json(200, { id });
}

async function bodyOf(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > 1_000_000) return undefined;
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return undefined;
  }
}

const style = 'body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}.msg{border:1px solid #ddd;border-radius:6px;padding:.6rem;margin:.6rem 0}.at{color:#666;font-size:.85em}.card .box{border-top:1px solid #eee;margin-top:.3rem;padding-top:.3rem}.cols{display:flex;gap:1rem}.facts th{text-align:left;padding-right:1rem;vertical-align:top}.button{display:inline-block;border:1px solid #888;border-radius:4px;padding:0 .4rem;margin:.2rem .2rem 0 0;font-size:.9em}.input{color:#555;font-size:.9em}';

function chatPage(person: DemoPerson, org: DemoOrg): string {
  const messages = store().messages(person.id);
  const rows = [...messages].reverse().map((m) => `<div class="msg"><div class="at">${esc(m.at)}${m.replaces ? ' (updated card)' : ''}</div>${m.text ? `<div>${markdown(m.text)}</div>` : ''}${m.card ? cardHtml(m.card) : ''}</div>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chat: ${esc(person.displayName)}</title><style>${style}</style></head><body>
<p><a href="/_sandbox/chats">All chats</a> · <a href="/_sandbox/">Sandbox tenant</a></p>
<h1>${esc(person.displayName)}'s chat with Supervision Assistant</h1>
<p>${esc(person.jobTitle)}, ${esc(org.organisation)}. What the bot sent to ${esc(person.givenName)} in Teams, newest first (${messages.length}).</p>
${rows || '<p>No messages yet.</p>'}
</body></html>`;
}

function indexPage(org: DemoOrg): string {
  const rows = org.people.map((p) => ({ p, n: store().messages(p.id).length })).filter((x) => x.n > 0)
    .map(({ p, n }) => `<tr><td>${esc(p.alias)}</td><td><a href="/_sandbox/chats/${esc(p.alias)}">${esc(p.displayName)}</a></td><td>${esc(p.jobTitle)}</td><td>${n}</td></tr>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams chats</title><style>${style}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style></head><body>
<p><a href="/_sandbox/">Sandbox tenant</a></p>
<h1>Teams chats with Supervision Assistant</h1>
<p>Messages the bot sent to people who are not in a Playground: reminders, escalations, cards to sign, notices.</p>
<table><thead><tr><th>alias</th><th>name</th><th>job title</th><th>messages</th></tr></thead><tbody>
${rows || '<tr><td colspan="4">none yet</td></tr>'}
</tbody></table></body></html>`;
}

/** Adds the chat routes to the inspector (once per process), serving this store. */
export function mountSandboxChats(chats: SandboxChats): void {
  const first = mounted === undefined;
  mounted = chats;
  if (!first) return;
  inspectorRoutes.post('/chats/connector/v3/conversations/:conversation/activities', async (c) => receive(c.req.param('conversation'), await bodyOf(c.req.raw)));
  inspectorRoutes.post('/chats/connector/v3/conversations/:conversation/activities/:activity', async (c) => receive(c.req.param('conversation'), await bodyOf(c.req.raw)));
  inspectorRoutes.put('/chats/connector/v3/conversations/:conversation/activities/:activity', async (c) => receive(c.req.param('conversation'), await bodyOf(c.req.raw), c.req.param('activity')));
  inspectorRoutes.get('/chats', (c) => html(indexPage(c.var.tenant.org)));
  inspectorRoutes.get('/chats/:person', (c) => {
    const person = personOf(c.var.tenant.org, c.req.param('person'));
    if (!person) return json(404, { error: { code: 'NotFound', message: 'No such person in the demo organisation.' } });
    if (c.req.query('format') === 'json') return json(200, { person: { alias: person.alias, id: person.id, displayName: person.displayName }, messages: store().messages(person.id) });
    return html(chatPage(person, c.var.tenant.org));
  });
}
