/**
 * npm run bench:booking [-- --quick] [--latency 500] [--supervisors 200 --supervisees 8]
 *
 * Onboards a large council (issue 4 item 8): every supervisor's team gets a year of supervision
 * booked through the product's booking code (free/busy with GraphCalendar.busy, planYear, the
 * job's event content, GraphCalendar.createEvents) against the sandbox tenant running in its own
 * process with Graph-like latency and Exchange's four-requests-per-mailbox throttle. Storage and
 * the queue are left out (the job's table writes are not what the targets measure); the crash
 * test covers them.
 *
 * Prints `name: value` lines on stdout; progress goes to stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGraphClient } from '../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../src/adapters/graph/token-providers.js';
import { GraphCalendar } from '../src/adapters/graph/calendar/graph-calendar.js';
import type { Agreement, AgreementTerms, PlannedSession } from '../src/domain/agreements/types.js';
import { addMonths } from '../src/domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../src/domain/calendar/london-time.js';
import type { IsoWeekday } from '../src/domain/calendar/types.js';
import type { Person } from '../src/domain/people/person.js';
import type { NewCalendarEvent } from '../src/domain/ports/calendar.js';
import type { BusyInterval } from '../src/domain/schedule/types.js';
import { sessionEvent, SUPERVISION_CATEGORY } from '../src/domain/sessions/event-content.js';
import { getPack } from '../src/policy/packs.js';
import { planYear } from '../src/usecases/plan-year.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    latency: { type: 'string', default: '500' },
    supervisors: { type: 'string' },
    supervisees: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    'error-rate': { type: 'string' },
    'lost-response-rate': { type: 'string' },
    now: { type: 'string', default: '2026-05-20T09:00:00Z' },
    /** Use a sandbox already running (started with the same flags by hand, e.g. under a profiler). */
    'sandbox-url': { type: 'string' },
    /** 'Europe/London' (default) or 'GMT Standard Time': the label on event times. */
    'time-zone': { type: 'string', default: 'Europe/London' },
  },
  strict: true,
});

const latencyMs = Number(values.latency);
const supervisorCount = Number(values.supervisors ?? (values.quick ? 5 : 200));
const superviseesEach = Number(values.supervisees ?? (values.quick ? 2 : 8));
const perMailbox = Number(values.concurrency);
/** The council's onboarding year starts on the first monthly anniversary of each start date after this. */
const YEAR_FROM = '2026-06-01';

const say = (line: string): void => void process.stderr.write(`${line}\n`);

interface OrgPerson {
  alias: string;
  id: string;
  displayName: string;
  givenName: string;
  mail: string;
  role: string;
  employeeHireDate: string;
  managerAlias?: string;
}

async function startSandbox(): Promise<{ url: string; child: ChildProcess }> {
  const args = ['--import', 'tsx', join(root, 'src/sandbox/main.ts'), '--port', '0', '--latency', String(latencyMs), '--concurrency', String(perMailbox)];
  args.push('--supervisors', String(supervisorCount), '--supervisees', String(superviseesEach), '--now', values.now as string);
  if (values['error-rate']) args.push('--error-rate', values['error-rate']);
  if (values['lost-response-rate']) args.push('--lost-response-rate', values['lost-response-rate']);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /sandbox graph: (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { url, child };
}

/** CPU seconds (user + system) a process has used so far, from /proc on Linux. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

function toPerson(p: OrgPerson): Person {
  return { id: p.id, displayName: p.displayName, givenName: p.givenName, mail: p.mail };
}

/** Packs whose roles are supervised about monthly, one per team in turn, NQSWs on their own role. */
const packs = [
  { policyId: 'sefton', role: 'social-worker', nqsw: 'nqsw', minutes: 90 },
  { policyId: 'camden', role: 'social-worker', nqsw: 'nqsw', minutes: 120 },
  { policyId: 'central-bedfordshire', role: 'social-care-staff', nqsw: 'social-care-staff', minutes: 90 },
  { policyId: 'leeds', role: 'school-cluster-staff', nqsw: 'school-cluster-staff', minutes: 60 },
] as const;

/** Each pair of a team on its own weekday and time, so the supervisor's sessions never collide. */
function slotFor(k: number): { weekday: IsoWeekday; time: string } {
  return { weekday: (((k - 1) % 5) + 1) as IsoWeekday, time: k <= 5 ? '10:00' : '14:00' };
}

function agreementFor(team: number, k: number, supervisor: OrgPerson, supervisee: OrgPerson): Agreement {
  const choice = packs[team % packs.length] as (typeof packs)[number];
  const employmentStart = utcToLondon(supervisee.employeeHireDate).date;
  let agreementDate = employmentStart;
  for (let m = 1; agreementDate < YEAR_FROM; m++) agreementDate = addMonths(employmentStart, m);
  const terms: AgreementTerms = {
    policyId: choice.policyId,
    roleId: supervisee.role === 'newly-qualified-social-worker' ? choice.nqsw : choice.role,
    supervisorId: supervisor.id,
    superviseeId: supervisee.id,
    employmentStart,
    agreementDate,
    ...slotFor(k),
    minutes: choice.minutes,
    format: { kind: 'teams' },
    keyTasks: '',
    othersWhoMaySee: [],
    reviewDate: addMonths(agreementDate, 12),
  };
  const at = '2026-05-20T09:00:00Z';
  return { id: `bench-${team}-${k}`, terms, status: 'signed', signatures: {}, comments: [], createdAt: at, updatedAt: at };
}

interface Team {
  supervisor: OrgPerson;
  pairs: Array<{ supervisee: OrgPerson; agreement: Agreement }>;
}

interface Stats {
  requests: number;
  graphRequests: number;
  batches: number;
  throttled: number;
  byOperation: Record<string, number>;
}

interface ListedEvent {
  mailbox: string;
  transactionId: string | null;
  subject: string;
  startUtc: string;
  isOrganizer: boolean;
}

async function main(): Promise<void> {
  say(`bench:booking: ${supervisorCount} supervisors × ${superviseesEach} supervisees, ${latencyMs} ms a request, ${perMailbox} concurrent per mailbox`);
  const sandbox = values['sandbox-url'] ? { url: values['sandbox-url'], child: undefined } : await startSandbox();
  try {
    const org = await getJson<{ people: OrgPerson[] }>(`${sandbox.url}/_sandbox/org`);
    const byAlias = new Map(org.people.map((p) => [p.alias, p]));
    const teams: Team[] = [];
    for (let t = 1; t <= supervisorCount; t++) {
      const supervisor = byAlias.get(`xtm${t}`);
      if (!supervisor) throw new Error(`the scaled org has no supervisor xtm${t}`);
      const pairs: Team['pairs'] = [];
      for (let k = 1; k <= superviseesEach; k++) {
        const supervisee = byAlias.get(`xsw${t}-${k}`);
        if (!supervisee) throw new Error(`the scaled org has no supervisee xsw${t}-${k}`);
        pairs.push({ supervisee, agreement: agreementFor(t, k, supervisor, supervisee) });
      }
      teams.push({ supervisor, pairs });
    }
    say(`bench:booking: sandbox at ${sandbox.url} with ${org.people.length} people; booking ${teams.length * superviseesEach} agreements`);

    const client = createGraphClient({ baseUrl: `${sandbox.url}/v1.0`, tokens: sandboxTokenProvider() });
    const timeZone = values['time-zone'] === 'GMT Standard Time' ? 'GMT Standard Time' : 'Europe/London';
    const calendar = new GraphCalendar({ client, timeZone });
    // The directory (the sandbox's org) was read for names already; the addresses come with it.
    for (const p of org.people) calendar.knowAddress(p.id, p.mail);
    const statsBefore = await getJson<Stats>(`${sandbox.url}/_sandbox/stats`);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();

    // Each team is one pipeline, all teams at once: (1) free/busy of the supervisor and the
    // team for the year, (2) planYear pair by pair, each pair seeing the sessions already planned
    // for the supervisor as busy (the job sees them through free/busy), (3) the team's events
    // into the supervisor's mailbox in one createEvents call, which the adapter splits into
    // equal sequential batches over the mailbox's four slots.
    const yearFrom = londonToUtc(YEAR_FROM, '00:00');
    const yearTo = londonToUtc(addMonths(YEAR_FROM, 13), '00:00');
    const expected: Array<{ mailbox: string; attendee: string; event: NewCalendarEvent }> = [];
    const planFailures: string[] = [];
    const marks = { freeBusy: [] as number[], planned: [] as number[], booked: [] as number[] };
    const elapsed = (): number => performance.now() - started;
    const yieldLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

    // Teams are planned one at a time in the order their free/busy arrives: run side by side,
    // every team would finish planning only at the end of all planning and start booking late.
    let planning: Promise<unknown> = Promise.resolve();
    const planTeam = (team: Team, busyByPerson: ReadonlyMap<string, readonly BusyInterval[]>): Promise<NewCalendarEvent[]> => {
      const turn = planning.then(() => planPairs(team, busyByPerson));
      planning = turn;
      return turn;
    };
    const planPairs = async (team: Team, busyByPerson: ReadonlyMap<string, readonly BusyInterval[]>): Promise<NewCalendarEvent[]> => {
        const supervisorBusy: BusyInterval[] = [...(busyByPerson.get(team.supervisor.id) ?? [])];
        const events: NewCalendarEvent[] = [];
        for (const { agreement, supervisee } of team.pairs) {
          // Planning is CPU work on the event loop: yielding between pairs lets answers to
          // requests under way be handled at once (a loop blocked for seconds also misses the
          // server closing idle keep-alive sockets, and then meets ECONNRESET).
          await yieldLoop();
          const pack = getPack(agreement.terms.policyId);
          let sessions: PlannedSession[];
          try {
            sessions = planYear({ pack, terms: agreement.terms, busy: [...supervisorBusy, ...(busyByPerson.get(supervisee.id) ?? [])], agreementId: agreement.id });
          } catch (error) {
            planFailures.push(`${agreement.id}: ${(error as Error).message}`);
            continue;
          }
          supervisorBusy.push(...sessions.map((s) => ({ start: s.startUtc, end: s.endUtc })));
          for (const s of sessions) {
            const event = sessionEvent(agreement, pack, s, toPerson(team.supervisor), toPerson(supervisee));
            events.push(event);
            expected.push({ mailbox: team.supervisor.id, attendee: supervisee.id, event });
          }
        }
        return events;
    };

    const results = await Promise.all(
      teams.map(async (team) => {
        const busyByPerson = await calendar.busy([team.supervisor.id, ...team.pairs.map((p) => p.supervisee.id)], yearFrom, yearTo);
        marks.freeBusy.push(elapsed());
        const events = await planTeam(team, busyByPerson);
        marks.planned.push(elapsed());
        const r = await calendar.createEvents(team.supervisor.id, events);
        marks.booked.push(elapsed());
        return { created: r.created.length, failed: r.failed.length };
      }),
    );
    const span = (xs: number[]): string => `${((Math.min(...xs) || 0) / 1000).toFixed(1)}–${((Math.max(...xs) || 0) / 1000).toFixed(1)} s`;
    const freeBusyDone = started + Math.max(0, ...marks.freeBusy);
    say(`bench:booking: free/busy done ${span(marks.freeBusy)}, planned ${span(marks.planned)}, booked ${span(marks.booked)}; adapter retries ${calendar.stats.retries} ${JSON.stringify(calendar.stats.retryReasons)}`);
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const sandboxCpu = processCpuSeconds(sandbox.child?.pid);
    const statsAfter = await getJson<Stats>(`${sandbox.url}/_sandbox/stats`);

    // 3. Count what is in the calendars.
    const listed = await getJson<ListedEvent[]>(`${sandbox.url}/_sandbox/events?category=${encodeURIComponent(SUPERVISION_CATEGORY)}`);
    const organizer = listed.filter((e) => e.isOrganizer);
    const copies = listed.filter((e) => !e.isOrganizer);
    const byTxn = new Map<string, number>();
    for (const e of organizer) byTxn.set(`${e.mailbox}|${e.transactionId}`, (byTxn.get(`${e.mailbox}|${e.transactionId}`) ?? 0) + 1);
    const slotKey = (mailbox: string, subject: string, startUtc: string) => `${mailbox}|${subject}|${Date.parse(startUtc)}`;
    const copySlots = new Map<string, number>();
    for (const e of copies) copySlots.set(slotKey(e.mailbox, e.subject, e.startUtc), (copySlots.get(slotKey(e.mailbox, e.subject, e.startUtc)) ?? 0) + 1);
    let duplicates = 0;
    let missing = 0;
    for (const x of expected) {
      const n = byTxn.get(`${x.mailbox}|${x.event.transactionId}`) ?? 0;
      const c = copySlots.get(slotKey(x.attendee, x.event.subject, x.event.startUtc)) ?? 0;
      duplicates += Math.max(0, n - 1) + Math.max(0, c - 1);
      missing += (n === 0 ? 1 : 0) + (c === 0 ? 1 : 0);
    }
    duplicates += organizer.length - [...byTxn.values()].reduce((a, b) => a + Math.min(1, b), 0) - [...byTxn.values()].reduce((a, b) => a + Math.max(0, b - 1), 0);

    const perMailboxEvents = new Map<string, number>();
    for (const x of expected) perMailboxEvents.set(x.mailbox, (perMailboxEvents.get(x.mailbox) ?? 0) + 1);
    const busiest = Math.max(0, ...perMailboxEvents.values());
    const lowerBound = (busiest / perMailbox) * (latencyMs / 1000);
    const created = results.reduce((a, r) => a + r.created, 0);
    const failed = results.reduce((a, r) => a + r.failed, 0);
    // HTTP requests that carried event creates: the adapter's $batch requests for events (the
    // sandbox's own count of POST …/events outside a batch is added in case any went alone).
    const singleCreates = (statsAfter.byOperation['POST /users/{id}/events'] ?? 0) - (statsBefore.byOperation['POST /users/{id}/events'] ?? 0) - calendar.stats.eventSubRequests;
    const eventRequests = calendar.stats.eventBatches + Math.max(0, singleCreates);
    const out: Array<[string, string | number]> = [
      ['events_created', organizer.length],
      ['duplicates', duplicates],
      ['missing_events', missing],
      ['http_requests_per_event', (eventRequests / Math.max(1, organizer.length)).toFixed(4)],
      ['throttled_429', calendar.stats.throttled],
      ['wall_seconds', wallSeconds.toFixed(2)],
      ['cpu_seconds_per_1000_events', (((cpu.user + cpu.system) / 1e6 / Math.max(1, organizer.length)) * 1000).toFixed(3)],
      ['peak_rss_mb', (process.resourceUsage().maxRSS / 1024).toFixed(1)],
      ['ratio_to_lower_bound', (wallSeconds / Math.max(lowerBound, 1e-9)).toFixed(3)],
      // Context for the figures above.
      ['agreements', expected.length > 0 ? teams.length * superviseesEach - planFailures.length : 0],
      ['plan_failures', planFailures.length],
      ['creates_reported_by_adapter', created],
      ['create_failures_reported', failed],
      ['sandbox_cpu_seconds', sandboxCpu === undefined ? 'n/a' : sandboxCpu.toFixed(2)],
      ['attendee_copies', copies.length],
      ['events_in_busiest_mailbox', busiest],
      ['lower_bound_seconds', lowerBound.toFixed(2)],
      ['free_busy_seconds_last_team', ((freeBusyDone - started) / 1000).toFixed(2)],
      ['free_busy_requests', calendar.stats.scheduleRequests],
      ['event_batches', eventRequests],
      ['sandbox_429_sent', statsAfter.throttled - statsBefore.throttled],
      ['latency_ms', latencyMs],
      ['time_zone_label', JSON.stringify(timeZone)],
    ];
    for (const [name, value] of out) process.stdout.write(`${name}: ${value}\n`);
    for (const f of planFailures.slice(0, 5)) say(`bench:booking: plan failure ${f}`);
  } finally {
    sandbox.child?.kill('SIGTERM');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:booking failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
