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
 * Logs go to stderr as the product writes them (JSON lines). SIGTERM closes the app gracefully.
 */
import { subscribe } from 'node:diagnostics_channel';
import { createInterface } from 'node:readline';
import { startApp } from '../../src/app.js';
import { TravellingClock } from '../../src/clock.js';
import { parseConfig, readEnvFile } from '../../src/config/load-config.js';
import { createLogger, type LogLevel } from '../../src/observability/logger.js';
import { TURN_TIMING_CHANNEL, type TurnTiming } from '../../src/observability/turn-timing.js';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const config = parseConfig({ ...readEnvFile('env/.env.sandbox'), PORT: '0', ...env });

let times: number[] = [];
let statuses: Record<string, number> = {};
// CPU the process used since the last reset: a turn's cost that does not depend on how busy the
// machine is (the turn times do, on a shared machine).
let cpuAtReset = process.cpuUsage();
subscribe(TURN_TIMING_CHANNEL, (message) => {
  const t = message as TurnTiming;
  times.push(t.ms);
  statuses[t.status] = (statuses[t.status] ?? 0) + 1;
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
