/**
 * The bot in a process of its own, for the benchmarks that drive it over the Bot Framework
 * protocol (bench:turns, bench:cluster). argv[2] is JSON: the environment to run under on top of
 * env/.env.sandbox (GRAPH_BASE_URL, AZURE_STORAGE_CONNECTION_STRING, PORT, LOG_LEVEL, …); argv[3],
 * when given, an instant the sandbox clock starts at (so the background jobs are scheduled from
 * it, as they are in an instance started on that day).
 *
 * stdout, one line each: `bot: <url>` once it listens, and the answer to each stdin command:
 * - `report`: `report: {json}` with the server-side turn times since the last `reset` (from the
 *   server's diagnostics channel, src/observability/turn-timing.ts), the statuses, the CPU time
 *   the process used (its background jobs included) and peak RSS;
 * - `reset`: forgets the turn times.
 * The report also breaks the turns down by kind (a card's verb, or the command typed), with each
 * kind's outgoing round trips per turn and the time spent in them, by target (storage table, blob
 * and queue, Graph, the channel's reply endpoint) and by operation: every request the turn made,
 * seen on node's http and undici diagnostics channels and attributed to the turn through its async
 * scope (src/observability/turn-timing.ts). Background jobs' requests are not in any turn. And the
 * event loop's delay (how long a ready callback waited for the CPU) over the same time.
 * Logs go to stderr as the product writes them (JSON lines). SIGTERM closes the app gracefully.
 */
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startApp } from '../../src/app.js';
import { TravellingClock } from '../../src/clock.js';
import { parseConfig, readEnvFile } from '../../src/config/load-config.js';
import { createLogger, type LogLevel } from '../../src/observability/logger.js';
import { currentTurn, TURN_TIMING_CHANNEL, type TurnTiming, type TurnTrace } from '../../src/observability/turn-timing.js';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const config = parseConfig({ ...readEnvFile('env/.env.sandbox'), PORT: '0', ...env });

let times: number[] = [];
let statuses: Record<string, number> = {};
// CPU the process used since the last reset: a turn's cost that does not depend on how busy the
// machine is (the turn times do, on a shared machine).
let cpuAtReset = process.cpuUsage();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

// ── Round trips per turn ────────────────────────────────────────────────────────────────────
/** Where a request went: storage by service and table/container, Graph, or the channel (replies). */
const portsOf = (connection: string): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, service] of [['BlobEndpoint', 'blob'], ['QueueEndpoint', 'queue'], ['TableEndpoint', 'table']] as const) {
    const m = new RegExp(`${key}=([^;]+)`).exec(connection);
    if (m?.[1]) out.set(new URL(m[1]).host, service);
  }
  return out;
};
const storageHosts = portsOf(config.AZURE_STORAGE_CONNECTION_STRING ?? '');
const graphHost = config.GRAPH_BASE_URL ? new URL(config.GRAPH_BASE_URL).host : '';

function targetOf(method: string, host: string, path: string): { target: string; op: string } {
  const service = storageHosts.get(host);
  if (service) {
    // /devstoreaccount1/<table>(PartitionKey='…',RowKey='…') or /devstoreaccount1/<container>/<blob>
    const [, , name = ''] = path.split('?')[0]?.split('/') ?? [];
    const table = name.replace(/\(.*$/, '');
    const shape = service !== 'table' ? '' : /\(PartitionKey=/.test(name) ? ' point' : path.includes('$filter') ? ' query' : ' list';
    return { target: `storage ${service}`, op: `${method} ${service} ${table}${shape}` };
  }
  if (host === graphHost) {
    const route = (path.split('?')[0] ?? '').replace(/\/v1\.0|\/beta/, '').replace(/\/users\/[^/]+/, '/users/{id}').replace(/\/[0-9a-f-]{20,}/gi, '/{id}');
    return { target: 'graph', op: `${method} graph ${route}` };
  }
  return { target: 'channel', op: `${method} channel ${/\/activities\/[^/]+$/.test(path) ? 'reply' : 'send'}` };
}

interface Trip {
  readonly target: string;
  readonly op: string;
  readonly ms: number;
}
const started = new WeakMap<object, { turn: TurnTrace; target: string; op: string; at: number }>();
const tripsOf = (turn: TurnTrace): Trip[] => (turn.notes['trips'] ??= []) as Trip[];
function begin(request: object, method: string, host: string, path: string): void {
  const turn = currentTurn();
  if (turn) started.set(request, { turn, ...targetOf(method, host, path), at: performance.now() });
}
function end(request: object): void {
  const s = started.get(request);
  if (!s) return;
  started.delete(request);
  tripsOf(s.turn).push({ target: s.target, op: s.op, ms: performance.now() - s.at });
}
// node:http (the Azure SDKs, the Bot Framework connector) and undici (fetch: the Graph client).
subscribe('http.client.request.start', (m) => {
  const request = (m as { request: { method: string; host: string; path: string; getHeader(name: string): unknown } }).request;
  begin(request, request.method, String(request.getHeader('host') ?? request.host), request.path);
});
subscribe('http.client.response.finish', (m) => end((m as { request: object }).request));
subscribe('undici:request:create', (m) => {
  const request = (m as { request: { method: string; origin: string; path: string } }).request;
  begin(request, request.method, new URL(request.origin).host, request.path);
});
subscribe('undici:request:trailers', (m) => end((m as { request: object }).request));
subscribe('undici:request:error', (m) => end((m as { request: object }).request));

/** The kind of turn: the card's verb, or the command typed (the benchmarks' own words, never a person's). */
function kindOf(activity: unknown): string {
  const a = (activity ?? {}) as { type?: string; text?: string; value?: { action?: { verb?: string } } };
  if (a.type === 'invoke') return `press ${a.value?.action?.verb ?? '?'}`;
  if (a.type !== 'message') return a.type ?? '?';
  const text = (a.text ?? '').trim().toLowerCase();
  if (/^i would like to talk about/.test(text)) return 'say <a sentence>';
  return text.length <= 30 && !/\d/.test(text) ? `say ${text}` : 'say <other>';
}

interface KindTally {
  times: number[];
  trips: Map<string, { count: number; ms: number }>;
  ops: Map<string, { count: number; ms: number }>;
}
let kinds = new Map<string, KindTally>();

subscribe(TURN_TIMING_CHANNEL, (message) => {
  const t = message as TurnTiming;
  times.push(t.ms);
  statuses[t.status] = (statuses[t.status] ?? 0) + 1;
  const kind = kindOf(t.trace.activity);
  const tally: KindTally = kinds.get(kind) ?? { times: [], trips: new Map(), ops: new Map() };
  kinds.set(kind, tally);
  tally.times.push(t.ms);
  for (const trip of (t.trace.notes['trips'] ?? []) as Trip[]) {
    for (const [map, key] of [[tally.trips, trip.target], [tally.ops, trip.op]] as const) {
      const c = map.get(key) ?? { count: 0, ms: 0 };
      c.count++;
      c.ms += trip.ms;
      map.set(key, c);
    }
  }
});

const quantile = (sorted: readonly number[], q: number): number => sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);

const clock = new TravellingClock();
if (process.argv[3]) clock.travelTo(process.argv[3]);
const app = await startApp(config, createLogger((env['LOG_LEVEL'] ?? 'warn') as LogLevel), { clock });
process.stdout.write(`bot: ${app.server.url}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'reset') {
    times = [];
    statuses = {};
    kinds = new Map();
    loopDelay.reset();
    cpuAtReset = process.cpuUsage();
    process.stdout.write('reset: ok\n');
  } else if (line === 'report') {
    const sorted = [...times].sort((a, b) => a - b);
    const cpu = process.cpuUsage(cpuAtReset);
    const report = {
      turns: sorted.length,
      p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0,
      statuses,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      byKind: Object.fromEntries([...kinds].map(([kind, k]) => {
        const n = k.times.length;
        const sortedK = [...k.times].sort((a, b) => a - b);
        const per = (m: Map<string, { count: number; ms: number }>) => Object.fromEntries([...m].sort((a, b) => b[1].count - a[1].count).map(([key, c]) => [key, { perTurn: c.count / n, msPerTurn: c.ms / n }]));
        return [kind, { turns: n, p50: quantile(sortedK, 0.5), p95: quantile(sortedK, 0.95), meanMs: k.times.reduce((a, b) => a + b, 0) / n, targets: per(k.trips), ops: per(k.ops) }];
      })),
    };
    process.stdout.write(`report: ${JSON.stringify(report)}\n`);
  }
});

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void app.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
