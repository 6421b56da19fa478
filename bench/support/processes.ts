/**
 * The parts the benchmarks run as processes of their own, so each one's CPU and memory are its
 * own: the sandbox tenant (src/sandbox/main.ts), the bot (bench/support/bot-process.ts), and the
 * council they work on, written to storage through the product's repositories.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphCalendar } from '../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../src/domain/agreements/types.js';
import { addMonths } from '../../src/domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../src/domain/calendar/london-time.js';
import { addWorkingDays, createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../src/domain/calendar/working-calendar.js';
import type { Person } from '../../src/domain/people/person.js';
import { bookingTransactionId, sessionEvent } from '../../src/domain/sessions/event-content.js';
import { getPack } from '../../src/policy/packs.js';
import { createRepositories } from '../../src/repositories/index.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const say = (line: string): void => void process.stderr.write(`${line}\n`);

/** Every child started here is killed when the benchmark exits, however it exits. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits for a line on the child's stdout that `pattern` matches; rejects if the child exits first. */
export function lineFrom(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => done(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) return done(undefined, m);
      }
    };
    const onExit = (code: number | null): void => done(new Error(`process exited (${code}) before printing ${pattern}`));
    const done = (error?: Error, m?: RegExpExecArray): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(m as RegExpExecArray);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface SandboxProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** POST /_sandbox/config: throttle and fault switches (src/sandbox/options.ts). */
  configure(body: { throttle?: Record<string, number>; faults?: Record<string, number> }): Promise<void>;
  close(): Promise<void>;
}

export async function startSandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
  const child = track(spawn(process.execPath, ['--import', 'tsx', join(root, 'src/sandbox/main.ts'), '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }));
  const url = (await lineFrom(child, /sandbox graph: (\S+)/, 300_000))[1] as string;
  return {
    url,
    child,
    async configure(body) {
      const res = await fetch(`${url}/_sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`sandbox config: HTTP ${res.status} ${await res.text()}`);
    },
    close: () => stop(child),
  };
}

export interface TurnReport {
  readonly turns: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly statuses: Record<string, number>;
  /** CPU time (user + system) the bot process used since the last reset. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
  /** How long ready callbacks waited for the bot's event loop (the CPU), in ms. */
  readonly eventLoopDelayMs?: { readonly p50: number; readonly p99: number; readonly max: number };
  /** By kind of turn (a verb pressed, a command typed): times, and round trips per turn by target and operation. */
  readonly byKind?: Record<string, KindReport>;
}

export interface KindReport {
  readonly turns: number;
  readonly p50: number;
  readonly p95: number;
  readonly meanMs: number;
  readonly targets: Record<string, { readonly perTurn: number; readonly msPerTurn: number }>;
  readonly ops: Record<string, { readonly perTurn: number; readonly msPerTurn: number }>;
}

export interface BotProcess {
  readonly url: string;
  readonly child: ChildProcess;
  report(): Promise<TurnReport>;
  reset(): Promise<void>;
  /** SIGTERM, then waits for the graceful close. */
  close(): Promise<void>;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
}

/**
 * Starts the bot; its JSON log lines go to `logFile` when given (appended), else are dropped.
 * `clockAt`: the instant its sandbox clock starts at.
 */
export async function startBotProcess(env: Record<string, string>, logFile?: string, clockAt?: string): Promise<BotProcess> {
  // BENCH_BOT_NODE_OPTIONS: extra node flags for the bot, e.g. --cpu-prof to profile the turn path.
  const extra = (process.env['BENCH_BOT_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
  const child = track(spawn(process.execPath, [...extra, '--import', 'tsx', join(root, 'bench/support/bot-process.ts'), JSON.stringify(env), ...(clockAt ? [clockAt] : [])], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] }));
  if (logFile) child.stderr?.pipe(createWriteStream(logFile, { flags: 'a' }));
  else child.stderr?.resume();
  // A bot compiles its TypeScript and opens storage first: minutes on a loaded shared machine.
  const url = (await lineFrom(child, /^bot: (\S+)/, 600_000))[1] as string;
  const ask = async (command: string, answer: RegExp) => {
    const line = lineFrom(child, answer);
    child.stdin?.write(`${command}\n`);
    return line;
  };
  return {
    url,
    child,
    async report() {
      return JSON.parse((await ask('report', /^report: (.*)$/))[1] as string) as TurnReport;
    },
    async reset() {
      await ask('reset', /^reset: ok$/);
    },
    close: () => stop(child),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

export interface OrgPerson {
  readonly alias: string;
  readonly id: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly mail: string;
  readonly role: string;
  readonly managerAlias?: string;
}

export async function orgOf(sandboxUrl: string): Promise<OrgPerson[]> {
  const res = await fetch(`${sandboxUrl}/_sandbox/org`);
  if (!res.ok) throw new Error(`sandbox org: HTTP ${res.status}`);
  return ((await res.json()) as { people: OrgPerson[] }).people;
}

/** The scaled org's teams: xtm<t> supervises xsw<t>-1 … xsw<t>-<n>. */
export function teamsOf(people: readonly OrgPerson[], supervisors: number): Array<{ supervisor: OrgPerson; supervisees: OrgPerson[] }> {
  const byAlias = new Map(people.map((p) => [p.alias, p]));
  const teams = [];
  for (let t = 1; t <= supervisors; t++) {
    const supervisor = byAlias.get(`xtm${t}`);
    if (!supervisor) throw new Error(`the scaled org has no supervisor xtm${t}`);
    teams.push({ supervisor, supervisees: people.filter((p) => p.managerAlias === supervisor.alias) });
  }
  return teams;
}

const workingDays = createWorkingCalendar({ nation: 'england-and-wales' });

/**
 * A booked agreement for every pair, with monthly sessions from next month as Teams meetings in
 * both sandbox calendars (links for both, so "agenda" and "my team" find them): what the booking
 * job leaves behind, written through the product's repositories and its Graph calendar adapter
 * (the calendar sync would otherwise find no meeting behind a session). Returns the agreements.
 */
export async function seedBookedAgreements(connectionString: string, graphBaseUrl: string, pairs: ReadonlyArray<{ supervisor: OrgPerson; supervisee: OrgPerson }>, nowIso: string): Promise<Agreement[]> {
  const storage = createStorage(connectionString);
  const repos = createRepositories(storage);
  await storage.ensureCreated();
  const calendar = new GraphCalendar({ client: createGraphClient({ baseUrl: graphBaseUrl, tokens: sandboxTokenProvider() }) });
  for (const { supervisor, supervisee } of pairs) {
    calendar.knowAddress(supervisor.id, supervisor.mail);
    calendar.knowAddress(supervisee.id, supervisee.mail);
  }
  const today = utcToLondon(nowIso).date;
  const out: Agreement[] = [];
  let n = 0;
  const person = (p: OrgPerson): Person => ({ id: p.id, displayName: p.displayName, givenName: p.givenName, mail: p.mail });
  for (const { supervisor, supervisee } of pairs) {
    const id = `bench-${supervisee.alias}`;
    const agreement: Agreement = {
      id,
      terms: {
        policyId: 'sefton', roleId: 'social-worker', supervisorId: supervisor.id, superviseeId: supervisee.id, employmentStart: '2019-09-02', agreementDate: today,
        weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Assessments and duty', othersWhoMaySee: [], reviewDate: addMonths(today, 12),
      },
      status: 'booked', signatures: {}, comments: [], createdAt: nowIso, updatedAt: nowIso,
      parties: { supervisorName: supervisor.displayName, superviseeName: supervisee.displayName },
      confirmation: { claimedAt: nowIso, deliveredTo: { supervisor: nowIso, supervisee: nowIso } },
    };
    await repos.agreements.create(agreement);
    await repos.agreements.link(supervisor.id, { agreementId: id, party: 'supervisor', createdAt: nowIso });
    await repos.agreements.link(supervisee.id, { agreementId: id, party: 'supervisee', createdAt: nowIso });
    const planned: PlannedSession[] = [];
    for (let m = 1; m <= 3; m++) {
      const date = addWorkingDays(workingDays, nextWorkingDayOnOrAfter(workingDays, addMonths(today, m)), n % 15);
      const sessionId = `${id}-s${String(m).padStart(2, '0')}`;
      planned.push({ sessionId, agreementId: id, date, start: '10:00', minutes: 60, startUtc: londonToUtc(date, '10:00'), endUtc: londonToUtc(date, '11:00'), rule: 'SE-F1', status: 'planned' });
    }
    const events = planned.map((s) => sessionEvent(agreement, getPack('sefton'), s, person(supervisor), person(supervisee)));
    const { created, failed } = await calendar.createEvents(supervisor.id, events);
    if (failed.length > 0) throw new Error(`seeding: ${failed.length} events not created (${failed[0]?.error ?? ''})`);
    for (const s of planned) {
      const event = created.find((e) => e.transactionId === bookingTransactionId(id, s.sessionId));
      await repos.agreements.createSession({ ...s, status: 'booked', eventId: event?.eventId, joinUrl: event?.joinUrl, webLink: event?.webLink });
    }
    out.push(agreement);
    n++;
  }
  return out;
}
