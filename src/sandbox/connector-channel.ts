import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelActivity {
  readonly type: string;
  readonly text?: string;
  readonly summary?: string;
  readonly attachments?: { contentType: string; content: unknown }[];
  readonly conversation?: { id: string };
  readonly replyToId?: string;
  readonly [key: string]: unknown;
}

/**
 * The channel side of the Bot Framework protocol: the Connector API the bot replies to
 * (POST /v3/conversations/{id}/activities[/{replyToId}]), standing in for Teams on this machine.
 * The demo and the tests send activities to the bot with this server as serviceUrl and read what
 * the bot sent back.
 */
export class ConnectorChannel {
  readonly received: ChannelActivity[] = [];
  /** Tests: answer the next `count` sends with 429 (Teams throttling), with this Retry-After when given. */
  throttle: { count: number; retryAfter?: string; at: number[] } = { count: 0, at: [] };
  private server: Server | undefined;
  private waiters: { count: number; resolve: () => void }[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (req.method === 'POST' && match && this.throttle.count > 0) {
          this.throttle.count -= 1;
          this.throttle.at.push(Date.now());
          res.writeHead(429, { 'content-type': 'application/json', ...(this.throttle.retryAfter ? { 'retry-after': this.throttle.retryAfter } : {}) });
          res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
          return;
        }
        if (req.method === 'POST' && match) {
          const activity = JSON.parse(Buffer.concat(chunks).toString() || '{}') as ChannelActivity;
          this.received.push(activity);
          this.waiters = this.waiters.filter((w) => {
            if (this.received.length >= w.count) w.resolve();
            return this.received.length < w.count;
          });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: 'not a connector route' } }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once at least `count` activities have arrived in total. */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} activities, got ${this.received.length}`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let sequence = 0;

/** A Teams personal-chat activity from a person to the bot. */
export function activityFrom(channel: ConnectorChannel, person: { id: string; name: string }, fields: Record<string, unknown>) {
  sequence++;
  return {
    channelId: 'msteams',
    serviceUrl: channel.url,
    id: `activity-${sequence}`,
    timestamp: new Date().toISOString(),
    from: { id: `29:${person.id}`, name: person.name, aadObjectId: person.id },
    recipient: { id: '28:bot', name: 'Supervision Assistant' },
    conversation: { id: `a:personal-${person.id}`, conversationType: 'personal', tenantId: 'sandbox' },
    ...fields,
  };
}
