import { parseArgs } from 'node:util';
import { demoOrg, scaledOrg } from './demo-org.js';
import { startSandboxTenant } from './graph-server.js';

/**
 * Runs the sandbox tenant as its own process, so benchmarks can keep its CPU out of the
 * product's numbers: `tsx src/sandbox/main.ts --port 0 --latency 500 --concurrency 4 [--supervisors 200 --supervisees 8] [--persist file] [--error-rate 0.05 --seed 7]`.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    now: { type: 'string' },
    persist: { type: 'string' },
    latency: { type: 'string' },
    'error-rate': { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'requests-per-window': { type: 'string' },
    'window-ms': { type: 'string' },
    'retry-after': { type: 'string' },
    'lost-response-rate': { type: 'string' },
    supervisors: { type: 'string' },
    supervisees: { type: 'string' },
  },
  strict: true,
});

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

const now = values.now ?? new Date().toISOString();
const org = values.supervisors
  ? scaledOrg(now, { supervisors: Number(values.supervisors), superviseesPerSupervisor: Number(values.supervisees ?? 8) })
  : demoOrg(now);

const tenant = await startSandboxTenant({
  port: Number(values.port),
  org,
  ...(values.persist ? { persistPath: values.persist } : {}),
  throttle: {
    ...(values.concurrency ? { concurrentPerMailbox: num(values.concurrency) } : {}),
    ...(values['requests-per-window'] ? { requestsPerWindow: num(values['requests-per-window']) } : {}),
    ...(values['window-ms'] ? { windowMs: num(values['window-ms']) } : {}),
    ...(values['retry-after'] ? { retryAfterSeconds: num(values['retry-after']) } : {}),
  },
  faults: {
    ...(values.latency ? { latencyMs: num(values.latency) } : {}),
    ...(values['error-rate'] ? { errorRate: num(values['error-rate']) } : {}),
    ...(values.seed ? { seed: num(values.seed) } : {}),
    ...(values['lost-response-rate'] ? { lostResponseRate: num(values['lost-response-rate']) } : {}),
  },
});

console.log(`sandbox graph: ${tenant.url}`);
console.log(`sandbox people: ${org.people.length}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  tenant.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
