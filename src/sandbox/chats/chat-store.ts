import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The sandbox's Teams chats with the bot, for the demo people who are not in a Playground: what
 * the bot sent each of them (issue 15 item 2). The bot reaches them as Teams would, through a
 * Connector endpoint (connector-routes.ts); people read them in the inspector (/_sandbox/chats).
 * Kept in one JSON file under DATA_DIR, so a restart loses nothing.
 */
export const ZChatMessage = z.object({
  id: z.string(),
  /** ISO instant the message arrived (the sandbox clock's time for seeded history). */
  at: z.string(),
  text: z.string().optional(),
  summary: z.string().optional(),
  /** Adaptive Card JSON, as the bot sent it. */
  card: z.unknown().optional(),
  /** An update to an earlier message (Universal Actions refresh a card in place). */
  replaces: z.string().optional(),
});
export type ChatMessage = z.infer<typeof ZChatMessage>;

const ZChats = z.object({ chats: z.record(z.string(), z.array(ZChatMessage)) });

/** Beyond this, the oldest messages of a chat are dropped: a demo, not an archive. */
const MAX_PER_CHAT = 500;

export class SandboxChats {
  private readonly chats = new Map<string, ChatMessage[]>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private sequence = 0;

  private constructor(private readonly path: string | undefined) {}

  /** The chats saved at `path`, or none yet. */
  static async open(path?: string): Promise<SandboxChats> {
    const chats = new SandboxChats(path);
    if (path) {
      try {
        const parsed = ZChats.safeParse(JSON.parse(await readFile(path, 'utf8')));
        if (parsed.success) for (const [personId, messages] of Object.entries(parsed.data.chats)) chats.chats.set(personId, messages);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
      }
    }
    chats.sequence = [...chats.chats.values()].reduce((n, list) => n + list.length, 0);
    return chats;
  }

  /** Adds a message to a person's chat; returns its id. */
  add(personId: string, message: Omit<ChatMessage, 'id'>): string {
    const id = `msg-${++this.sequence}`;
    const list = this.chats.get(personId) ?? [];
    list.push({ id, ...message });
    if (list.length > MAX_PER_CHAT) list.splice(0, list.length - MAX_PER_CHAT);
    this.chats.set(personId, list);
    this.schedule();
    return id;
  }

  messages(personId: string): readonly ChatMessage[] {
    return this.chats.get(personId) ?? [];
  }

  /** Person ids with at least one message. */
  people(): string[] {
    return [...this.chats.keys()].filter((id) => (this.chats.get(id)?.length ?? 0) > 0);
  }

  /** Writes what is pending now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }

  private schedule(): void {
    if (!this.path || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save().catch(() => undefined);
    }, 200);
    this.timer.unref();
  }

  private async save(): Promise<void> {
    const path = this.path;
    if (!path) return;
    const data = JSON.stringify({ chats: Object.fromEntries(this.chats) });
    this.saving = this.saving.catch(() => undefined).then(async () => {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, data, 'utf8');
      await rename(tmp, path);
    });
    await this.saving;
  }
}
