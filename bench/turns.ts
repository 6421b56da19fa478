/**
 * npm run bench:turns [-- --people 100,500 --seconds 45]
 *
 * issue 16 item 4: turn latency. 100 and then 500 simulated people chat and press cards at once
 * through the Bot Framework protocol, as Teams sends them (src/sandbox/bot-driver.ts and the
 * connector channel, the product's own driver), against the bot in its own process, with Azurite
 * and the sandbox tenant (a scaled org: team managers with nine social workers each, every pair
 * with a booked agreement) on the same machine. Each supervisee asks for the agenda, adds to it
 * from the card, opens and saves the preparation card, asks when the next supervision is, their
 * actions, for help, and types a sentence the bot offers as an agenda item; each supervisor asks
 * for their team, its compliance and what needs their attention. People think for 1–3 seconds
 * between turns, as people do.
 *
 * The figures are the server's own (src/observability/turn-timing.ts): from the request reaching
 * /api/messages to the turn's last reply sent. Errors are turns that did not answer as Teams
 * expects (an HTTP error, an invoke answered with an error, a turn that threw); peak RSS is the
 * bot process's. Target: p95 ≤ 50 ms at 100 people on 2 cores. Because the times depend on what
 * else the machine runs, each phase also prints the bot's CPU time per turn and the machine's
 * one-minute load average before and after it (the 2 cores are shared).
 *
 * Prints `name: value` lines on stdout; progress goes to stderr.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { actionOf, BotDriver, cardIn, inputsOf, type CardJson, type DemoUser, type InvokeAnswer } from '../src/sandbox/bot-driver.js';
import { ConnectorChannel, type ChannelActivity } from '../src/sandbox/connector-channel.js';
import { seededRandom } from '../src/sandbox/demo-org.js';
import { startBenchAzurite } from './support/azurite.js';
import { orgOf, say, seedBookedAgreements, startBotProcess, startSandboxProcess, teamsOf, type BotProcess, type OrgPerson, type TurnReport } from './support/processes.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100,500' },
    seconds: { type: 'string', default: '45' },
    'warm-up-seconds': { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '1000-3000' },
  },
});
const phases = (values.people ?? '100,500').split(',').map(Number);
const SECONDS = Number(values.seconds);
const WARM_UP_SECONDS = Number(values['warm-up-seconds']);
const [THINK_MIN, THINK_MAX] = (values['think-ms'] ?? '1000-3000').split('-').map(Number) as [number, number];
const TEAM_SIZE = 9;
const SUPERVISORS = Math.ceil(Math.max(...phases) / (TEAM_SIZE + 1));
const NOW = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Person {
  readonly user: DemoUser;
  readonly role: 'supervisor' | 'supervisee';
  readonly superviseeName?: string;
}

class Tally {
  errors = 0;
  turns = 0;
  readonly reasons = new Map<string, number>();
  fail(reason: string): void {
    this.errors++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }
}

const has = (activities: readonly ChannelActivity[]) => activities.length > 0;

/** One supervisee's round: each step is one turn (a message or a card press). */
function superviseeSteps(bot: BotDriver, who: DemoUser, n: number): Array<() => Promise<boolean>> {
  let agenda: CardJson | undefined;
  let target: Record<string, unknown> = {};
  const pressed = (a: InvokeAnswer) => a.statusCode === 200 && a.type !== 'application/vnd.microsoft.error';
  return [
    async () => {
      const replies = await bot.say(who, 'agenda');
      agenda = cardIn(replies[0]);
      const add = agenda ? actionOf(agenda, 'agendaAdd') : undefined;
      target = add?.data ?? {};
      return agenda !== undefined && add !== undefined;
    },
    async () => pressed(await bot.press(who, 'agendaAdd', { ...inputsOf(agenda ?? {}), ...target, newItem: `Workload and the duty rota, round ${n}` })),
    async () => pressed(await bot.press(who, 'preparationShow', { agreementId: target['agreementId'], sessionId: target['sessionId'] })),
    async () => pressed(await bot.press(who, 'preparationSave', { agreementId: target['agreementId'], sessionId: target['sessionId'], p1: 'Busy but well supported.' })),
    async () => has(await bot.say(who, 'when is my next supervision')),
    async () => has(await bot.say(who, 'my actions')),
    async () => has(await bot.say(who, 'help')),
    async () => has(await bot.say(who, `I would like to talk about the training plan ${n}`)),
  ];
}

function supervisorSteps(bot: BotDriver, who: DemoUser): Array<() => Promise<boolean>> {
  return [
    async () => has(await bot.say(who, 'my team')),
    async () => has(await bot.say(who, 'team compliance')),
    async () => has(await bot.say(who, 'what needs my attention')),
    async () => has(await bot.say(who, 'who am I')),
  ];
}

/** Everyone goes round their steps, thinking between turns, until the time is up. */
async function drive(bot: BotDriver, people: readonly Person[], seconds: number, tally: Tally, seed: number): Promise<void> {
  const rnd = seededRandom(seed);
  const think = () => new Promise((r) => setTimeout(r, THINK_MIN + rnd() * (THINK_MAX - THINK_MIN)));
  const until = Date.now() + seconds * 1000;
  await Promise.all(people.map(async (p, i) => {
    // People arrive over the first think time, not all in the same millisecond.
    await new Promise((r) => setTimeout(r, (i / people.length) * THINK_MAX));
    for (let round = 1; Date.now() < until; round++) {
      const steps = p.role === 'supervisee' ? superviseeSteps(bot, p.user, round) : supervisorSteps(bot, p.user);
      for (const [k, step] of steps.entries()) {
        if (Date.now() >= until) return;
        tally.turns++;
        try {
          if (!(await step())) tally.fail(`unexpected answer to ${p.role} step ${k + 1}`);
        } catch (error) {
          tally.fail((error as Error).message.replace(/\d+/g, 'N').slice(0, 80));
        }
        await think();
      }
    }
  }));
}

/** Each kind of turn: its times, and its round trips per turn by target and by operation (stderr). */
function breakdown(count: number, report: TurnReport): void {
  const kinds = Object.entries(report.byKind ?? {}).sort((a, b) => b[1].meanMs * b[1].turns - a[1].meanMs * a[1].turns);
  say(`bench:turns: ${count} people, by kind of turn (mean ms, p95 ms; round trips per turn and ms spent in them, by target)`);
  for (const [kind, k] of kinds) {
    const targets = Object.entries(k.targets).map(([t, c]) => `${t} ${c.perTurn.toFixed(1)} × / ${c.msPerTurn.toFixed(0)} ms`).join(', ');
    say(`  ${kind.padEnd(34)} ${String(k.turns).padStart(5)} turns  mean ${k.meanMs.toFixed(0).padStart(5)}  p95 ${k.p95.toFixed(0).padStart(5)}  ${targets}`);
    for (const [op, c] of Object.entries(k.ops)) say(`      ${op.padEnd(60)} ${c.perTurn.toFixed(2)} × / ${c.msPerTurn.toFixed(1)} ms`);
  }
  const delay = report.eventLoopDelayMs;
  if (delay) say(`bench:turns: ${count} people: the bot's event loop delay p50 ${delay.p50.toFixed(1)} ms, p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(0)} ms`);
}

/**
 * CPU time (ms) used so far by this benchmark's own child processes (Azurite, the sandbox tenant,
 * the bot), by /proc, and by the benchmark itself (the simulated people and the channel): every
 * part of a turn's cost on the shared cores, whatever else runs on them.
 */
function stackCpuMs(): Record<'azurite' | 'sandbox' | 'bot' | 'bench', number> {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const out = { azurite: 0, sandbox: 0, bot: 0, bench: 0 };
  const own = process.cpuUsage();
  out.bench = (own.user + own.system) / 1000;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const part = cmd.includes('azurite') ? 'azurite' : cmd.includes('sandbox/main') ? 'sandbox' : cmd.includes('bot-process') ? 'bot' : undefined;
      if (part) out[part] += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Round trips per turn over every kind, by target. */
function tripsPerTurn(report: TurnReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of Object.values(report.byKind ?? {})) {
    for (const [target, c] of Object.entries(k.targets)) out.set(target, (out.get(target) ?? 0) + c.perTurn * k.turns);
  }
  for (const [target, n] of out) out.set(target, n / Math.max(1, report.turns));
  return out;
}

function peopleFor(teams: ReturnType<typeof teamsOf>, count: number): Person[] {
  const out: Person[] = [];
  for (const team of teams) {
    if (out.length >= count) break;
    out.push({ user: { id: team.supervisor.id, name: team.supervisor.displayName }, role: 'supervisor' });
    for (const s of team.supervisees) if (out.length < count) out.push({ user: { id: s.id, name: s.displayName }, role: 'supervisee' });
  }
  return out;
}

async function main(): Promise<void> {
  say(`bench:turns: ${phases.join(' then ')} people for ${SECONDS} s each, thinking ${THINK_MIN}-${THINK_MAX} ms between turns`);
  const { azurite } = await startBenchAzurite();
  const sandbox = await startSandboxProcess(['--supervisors', String(SUPERVISORS), '--supervisees', String(TEAM_SIZE), '--now', NOW]);
  const channel = await new ConnectorChannel().start();
  let bot: BotProcess | undefined;
  try {
    const people = await orgOf(sandbox.url);
    const teams = teamsOf(people, SUPERVISORS);
    const pairs = teams.flatMap((t) => t.supervisees.map((supervisee: OrgPerson) => ({ supervisor: t.supervisor, supervisee })));
    say(`bench:turns: ${people.length} people in the sandbox; booking ${pairs.length} agreements in storage`);
    await seedBookedAgreements(azurite.connectionString, `${sandbox.url}/v1.0`, pairs, NOW);
    bot = await startBotProcess({ GRAPH_BASE_URL: `${sandbox.url}/v1.0`, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, LOG_LEVEL: 'error' });
    const driver = new BotDriver(bot.url, channel);

    // Warm-up (the JIT, the connections, the directory), not measured.
    await drive(driver, peopleFor(teams, 20), WARM_UP_SECONDS, new Tally(), 7);

    const out: Array<[string, string | number]> = [];
    for (const count of phases) {
      await bot.reset();
      const tally = new Tally();
      const loadBefore = loadavg()[0] ?? 0;
      const cpuBefore = stackCpuMs();
      say(`bench:turns: ${count} people for ${SECONDS} s (load average ${loadBefore.toFixed(1)} on ${cpus().length} cores)`);
      await drive(driver, peopleFor(teams, count), SECONDS, tally, count);
      const report = await bot.report();
      const cpuAfter = stackCpuMs();
      const loadAfter = loadavg()[0] ?? 0;
      const serverErrors = Object.entries(report.statuses).filter(([status]) => Number(status) >= 400).reduce((n, [, c]) => n + c, 0);
      out.push(
        [`people_${count}_turns`, report.turns],
        [`people_${count}_p50_ms`, report.p50.toFixed(1)],
        [`people_${count}_p95_ms`, report.p95.toFixed(1)],
        [`people_${count}_p99_ms`, report.p99.toFixed(1)],
        [`people_${count}_max_ms`, report.max.toFixed(1)],
        [`people_${count}_turns_per_second`, (report.turns / SECONDS).toFixed(1)],
        [`people_${count}_errors`, Math.max(tally.errors, serverErrors)],
        [`people_${count}_peak_rss_mb`, report.peakRssMb.toFixed(1)],
        // The bot's own CPU per turn (its background jobs included): what a turn costs whatever
        // else the machine is doing, unlike the times above on a shared machine.
        [`people_${count}_bot_cpu_ms_per_turn`, (report.cpuMs / Math.max(1, report.turns)).toFixed(1)],
        [`people_${count}_load_average_1m`, `${loadBefore.toFixed(1)}-${loadAfter.toFixed(1)}`],
      );
      // The whole stack's CPU per turn: what the 2 cores must supply for each turn at this rate.
      for (const part of ['azurite', 'sandbox', 'bench'] as const) {
        out.push([`people_${count}_${part}_cpu_ms_per_turn`, ((cpuAfter[part] - cpuBefore[part]) / Math.max(1, report.turns)).toFixed(1)]);
      }
      const trips = tripsPerTurn(report);
      for (const target of ['storage table', 'storage blob', 'storage queue', 'graph', 'channel']) {
        out.push([`people_${count}_${target.replace(' ', '_')}_round_trips_per_turn`, (trips.get(target) ?? 0).toFixed(2)]);
      }
      if (report.eventLoopDelayMs) out.push([`people_${count}_event_loop_delay_p99_ms`, report.eventLoopDelayMs.p99.toFixed(1)]);
      breakdown(count, report);
      for (const [reason, n] of tally.reasons) say(`bench:turns: ${count} people: ${n} × ${reason}`);
    }
    for (const [name, value] of out) process.stdout.write(`${name}: ${value}\n`);
  } finally {
    await bot?.close();
    await channel.stop();
    await sandbox.close();
    await azurite.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:turns failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
