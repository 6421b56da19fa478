/**
 * Three (or more) bot instances on one storage behind a round-robin proxy, as a council's App
 * Service runs them behind its load balancer: each instance its own process; one can be killed
 * (SIGKILL: no shutdown at all) and started again; the sandbox clock moves on every instance
 * together. Used by bench:cluster.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { say, startBotProcess, type BotProcess } from './processes.js';

export interface Recovery {
  readonly instance: number;
  /** From the SIGKILL to the new process answering /healthz. */
  readonly seconds: number;
}

export class Cluster {
  private readonly bots: Array<BotProcess | undefined>;
  private next = 0;
  private proxy: Server | undefined;
  /** The cluster's sandbox clock: `at` was the time when the real clock read `realAt`. */
  private clock: { at: string; realAt: number } | undefined;
  readonly recoveries: Recovery[] = [];
  proxyUrl = '';
  /** Requests the proxy could not hand to any instance, or that failed on the way. */
  proxyFailures = 0;

  constructor(
    readonly size: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {
    this.bots = Array.from({ length: size }, () => undefined);
  }

  logFile(i: number): string {
    return join(this.logDir, `bot-${i + 1}.log`);
  }

  /** The cluster's clock now (undefined: real time). */
  now(): string | undefined {
    if (!this.clock) return undefined;
    return new Date(Date.parse(this.clock.at) + (Date.now() - this.clock.realAt)).toISOString();
  }

  async start(): Promise<void> {
    await Promise.all(this.bots.map((_, i) => this.startInstance(i)));
    this.proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.forward(req.method ?? 'GET', req.url ?? '/', req.headers['content-type'], Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.proxy?.listen(0, '127.0.0.1', resolve));
    this.proxyUrl = `http://127.0.0.1:${(this.proxy?.address() as AddressInfo).port}`;
  }

  /** Round robin over the instances that are up, as a load balancer with a health probe does. */
  private async forward(method: string, path: string, contentType: string | undefined, body: Buffer, res: import('node:http').ServerResponse): Promise<void> {
    const live = this.bots.filter((b): b is BotProcess => b !== undefined);
    const target = live[this.next++ % Math.max(1, live.length)];
    if (!target) {
      this.proxyFailures++;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"no_instance"}}');
      return;
    }
    try {
      const answer = await fetch(`${target.url}${path}`, { method, headers: contentType ? { 'content-type': contentType } : {}, body: method === 'GET' ? undefined : body, signal: AbortSignal.timeout(120_000) });
      const text = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    } catch {
      // The instance died under the request (or never answered): the person sees an error and tries again.
      this.proxyFailures++;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"code":"bad_gateway"}}');
    }
  }

  private async startInstance(i: number): Promise<void> {
    const bot = await startBotProcess({ ...this.env, PORT: '0' }, this.logFile(i), this.now());
    // Ready when its health check answers (storage and Graph reachable), as the load balancer's probe asks.
    for (let tries = 0; tries < 600; tries++) {
      const ok = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    this.bots[i] = bot;
  }

  /** SIGKILL instance i, then start it again (a crash and the platform's restart). */
  async killAndRestart(i: number, downMs: number): Promise<void> {
    const bot = this.bots[i];
    if (!bot) return;
    const killedAt = Date.now();
    this.bots[i] = undefined;
    await bot.kill();
    say(`bench:cluster: instance ${i + 1} killed`);
    await new Promise((r) => setTimeout(r, downMs));
    await this.startInstance(i);
    const seconds = (Date.now() - killedAt) / 1000;
    this.recoveries.push({ instance: i + 1, seconds });
    say(`bench:cluster: instance ${i + 1} back after ${seconds.toFixed(1)} s`);
  }

  /** Stops and starts every instance in turn (a deploy): each starts with the cluster's clock. */
  async rollingRestart(): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      const bot = this.bots[i];
      this.bots[i] = undefined;
      await bot?.close();
      await this.startInstance(i);
    }
  }

  /** Moves the sandbox clock of every instance that is up (one started later is given it at start). */
  async travel(to: string): Promise<void> {
    this.clock = { at: to, realAt: Date.now() };
    await Promise.all(this.bots.map(async (bot) => {
      if (!bot) return;
      await fetch(`${bot.url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ travelTo: this.now() }) }).catch(() => undefined);
    }));
  }

  live(): number[] {
    return this.bots.flatMap((b, i) => (b ? [i] : []));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.proxy ? this.proxy.close(() => resolve()) : resolve()));
    await Promise.all(this.bots.map((b) => b?.close()));
  }
}
