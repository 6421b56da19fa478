/**
 * npm run bench:cluster [-- --supervisors 50 --supervisees 2 --faults --seed 1 --kill-every 10-25]
 *
 * issue 16 items 3 and 6: the product on more than one instance. Three bot processes share one
 * Azurite (its own process, data on disk) behind a round-robin proxy, as a council's App Service
 * runs them behind its load balancer; the sandbox tenant is a scaled org. While one instance at a
 * time is SIGKILLed at random moments and started again, people drive the product through the
 * proxy over the Bot Framework protocol, so consecutive turns land on different instances:
 *
 * 1. onboarding: each supervisor drafts an agreement with each supervisee on the card, both sign,
 *    and the booking job (a queue worker on every instance) books the year in both calendars;
 * 2. agenda: each supervisee adds three items from the agenda card;
 * 3. records: the clock moves past the first meetings; each supervisor writes and shares the
 *    record ("write record"), each supervisee signs it, and the filing job files it in SharePoint;
 * 4. notices: some meetings are cancelled in Outlook; the calendar sync tells the supervisor, who
 *    rebooks from the card;
 * 5. escalations: the clock moves to the morning a week after the next meetings with no records;
 *    the instances restart (a deploy) and the daily sweep, on one of them, reminds and escalates;
 *    people acknowledge from the card.
 *
 * A person whose turn fails (the instance died under it) tries again, as people do. Then it counts
 * what is stored and what reached people, and prints `name: value` lines: duplicated and missing
 * Outlook events, records, agenda items, escalation messages and notices (all must be 0), the
 * kills and the time to recover (SIGKILL to the new instance answering its health check), and each
 * job's outcomes from the instances' logs by event and code.
 *
 * `--faults` adds, during onboarding, a 429 storm (Exchange's per-mailbox throttle at three
 * requests per ten seconds) for 30 s and then a 503 storm (every Graph request refused) for 60 s,
 * and during the records an Azurite stop and restart.
 *
 * Progress goes to stderr; the instances' logs stay in the printed folder.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGraphClient } from '../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../src/adapters/graph/token-providers.js';
import { createStorage } from '../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../src/domain/agreements/types.js';
import { addDays } from '../src/domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../src/domain/calendar/london-time.js';
import { addWorkingDays, createWorkingCalendar, nextWorkingDayOnOrAfter } from '../src/domain/calendar/working-calendar.js';
import { milestoneTransactionPrefix } from '../src/domain/milestones/event.js';
import { bookingTransactionPrefix, SUPERVISION_CATEGORY } from '../src/domain/sessions/event-content.js';
import { createRepositories, type Repositories } from '../src/repositories/index.js';
import type { AzuriteInstance } from '../src/sandbox/azurite.js';
import { actionOf, BotDriver, cardIn, inputsOf, type CardJson, type DemoUser, type InvokeAnswer } from '../src/sandbox/bot-driver.js';
import { ConnectorChannel, type ChannelActivity } from '../src/sandbox/connector-channel.js';
import { seededRandom } from '../src/sandbox/demo-org.js';
import { startBenchAzurite } from './support/azurite.js';
import { Cluster } from './support/cluster.js';
import { orgOf, say, startSandboxProcess, teamsOf, type OrgPerson, type SandboxProcess } from './support/processes.js';

const { values } = parseArgs({
  options: {
    supervisors: { type: 'string', default: '50' },
    supervisees: { type: 'string', default: '2' },
    instances: { type: 'string', default: '3' },
    faults: { type: 'boolean', default: false },
    'no-kills': { type: 'boolean', default: false },
    'kill-every': { type: 'string', default: '10-25' },
    seed: { type: 'string', default: '1' },
    /** People acting at once (each a pair's or a person's flow). */
    parallel: { type: 'string', default: '12' },
    /** Give up on a step or a wait only after this long with no progress anywhere in the run. */
    'stall-seconds': { type: 'string', default: '600' },
  },
});
const SUPERVISORS = Number(values.supervisors);
const SUPERVISEES = Number(values.supervisees);
const FAULTS = values.faults === true;
const [KILL_MIN, KILL_MAX] = (values['kill-every'] ?? '10-25').split('-').map((s) => Number(s) * 1000) as [number, number];
const PARALLEL = Number(values.parallel);
const rnd = seededRandom(Number(values.seed));
const workingDays = createWorkingCalendar({ nation: 'england-and-wales' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── Turns that survive an instance dying under them ─────────────────────────────────────────

const stats = { steps: 0, retried: 0, failed: [] as string[] };

/**
 * Budgets follow progress, not the wall clock: on a loaded shared machine (load 20 on 2 cores) an
 * instance took over two minutes to start again and every turn was slow, so a fixed budget gave up
 * on work that was merely waiting its turn. A step or a wait gives up only when nothing anywhere in
 * the run has made progress (a step done, a figure waited for grown) for STALL_MS, or when it has
 * taken longer than HARD_MS in all.
 */
const STALL_MS = Number(values['stall-seconds']) * 1000;
const HARD_MS = 45 * 60_000;
let lastProgress = Date.now();
const progressed = (): void => void (lastProgress = Date.now());
const stalled = (since: number): boolean => Date.now() - Math.max(since, lastProgress) > STALL_MS || Date.now() - since > HARD_MS;

/** One thing a person does, tried again (as a person would) until it is done or clearly broken. */
async function attempt(what: string, step: () => Promise<boolean>): Promise<void> {
  stats.steps++;
  const since = Date.now();
  let reason = '';
  for (let tries = 1; !stalled(since); tries++) {
    try {
      if (await step()) {
        progressed();
        return;
      }
      reason = 'not done yet';
    } catch (error) {
      reason = (error as Error).message;
    }
    stats.retried++;
    await sleep(Math.min(500 * tries, 5_000));
  }
  stats.failed.push(`${what}: ${reason.slice(0, 120)}`);
  say(`bench:cluster: gave up on ${what}: ${reason.slice(0, 200)}`);
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>, limit = PARALLEL): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

const cardsIn = (activities: readonly ChannelActivity[]): CardJson[] => activities.map(cardIn).filter((c): c is CardJson => c !== undefined);
const ok = (a: InvokeAnswer): boolean => a.statusCode === 200 && a.type !== 'application/vnd.microsoft.error';
const has = (x: unknown, words: string): boolean => JSON.stringify(x).includes(words);

interface Pair {
  readonly supervisor: OrgPerson;
  readonly supervisee: OrgPerson;
  agreementId?: string;
}

const user = (p: OrgPerson): DemoUser => ({ id: p.id, name: p.displayName });

// ── The flows ───────────────────────────────────────────────────────────────────────────────

async function agree(bot: BotDriver, repos: Repositories, pair: Pair, nth = 0): Promise<void> {
  const supervisor = user(pair.supervisor);
  const supervisee = user(pair.supervisee);
  let form: CardJson | undefined;
  await attempt(`new agreement ${pair.supervisee.alias}`, async () => {
    form = cardsIn(await bot.say(supervisor, 'new agreement')).find((c) => actionOf(c, 'agreementSubmit'));
    return form !== undefined;
  });
  const submit = form ? actionOf(form, 'agreementSubmit') : undefined;
  const agreementId = String(submit?.data?.['agreementId'] ?? '');
  pair.agreementId = agreementId;
  await attempt(`send agreement ${pair.supervisee.alias}`, async () => {
    if (await repos.agreements.get(agreementId)) return true;
    // Each of a supervisor's supervisees at a time of their own: the form offers the same default to
    // all, and a second year at the first one's day and time has no free slot (policy_violation).
    const time = `${String(10 + 2 * (nth % 3)).padStart(2, '0')}:00`;
    const answer = await bot.press(supervisor, 'agreementSubmit', { ...submit?.data, ...inputsOf(form ?? {}), superviseeId: supervisee.id, keyTasks: 'Assessments and duty', time });
    return ok(answer) && (await repos.agreements.get(agreementId)) !== undefined;
  });
  for (const [who, party] of [[supervisee, 'supervisee'], [supervisor, 'supervisor']] as const) {
    await attempt(`${party} signs ${pair.supervisee.alias}`, async () => {
      if ((await repos.agreements.get(agreementId))?.signatures[party]) return true;
      // The card may have been lost with an instance: "my agreement" brings it back.
      const card = cardsIn(await bot.say(who, 'my agreement')).find((c) => actionOf(c, 'agreementSign')?.data?.['agreementId'] === agreementId);
      if (!card) return false;
      const answer = await bot.press(who, 'agreementSign', actionOf(card, 'agreementSign')?.data ?? {});
      return ok(answer) && Boolean((await repos.agreements.get(agreementId))?.signatures[party]);
    });
  }
}

async function addAgendaItems(bot: BotDriver, repos: Repositories, pair: Pair, items: Map<string, { agreementId: string; sessionId: string }>): Promise<void> {
  const supervisee = user(pair.supervisee);
  for (let k = 1; k <= 3; k++) {
    const itemId = `bench-${pair.supervisee.alias}-${k}`;
    await attempt(`agenda item ${itemId}`, async () => {
      const card = cardsIn(await bot.say(supervisee, 'agenda')).find((c) => actionOf(c, 'agendaAdd'));
      const add = card ? actionOf(card, 'agendaAdd') : undefined;
      if (!card || !add?.data) return false;
      const target = { agreementId: String(add.data['agreementId']), sessionId: String(add.data['sessionId']) };
      // The same item id every time: a press repeated after a lost answer adds nothing.
      const answer = await bot.press(supervisee, 'agendaAdd', { ...inputsOf(card), ...add.data, itemId, newItem: `Caseload review ${k} for the duty week` });
      if (!ok(answer)) return false;
      items.set(itemId, target);
      return (await repos.records.agenda(target.agreementId, target.sessionId))?.items.some((i) => i.itemId === itemId) === true;
    });
  }
}

/** What the supervisor types into the record card: every standing item addressed, one action. */
function filled(inputs: Record<string, string>, due: string): Record<string, string> {
  const out: Record<string, string> = { ...inputs };
  for (const id of Object.keys(inputs)) if (/^si\d+_status$/.test(id)) out[id] = 'addressed';
  return { ...out, discussion: 'Caseload and the duty week.', decisions: 'Two allocations paused.', personalIssues: 'no', a0_text: 'Book the safeguarding course', a0_owner: 'supervisee', a0_due: due };
}

async function writeRecords(bot: BotDriver, repos: Repositories, supervisor: OrgPerson, owed: ReadonlyArray<{ agreementId: string; sessionId: string; date: string }>): Promise<void> {
  const who = user(supervisor);
  for (const s of owed) {
    await attempt(`record ${s.sessionId}`, async () => {
      const stored = await repos.records.get(s.agreementId, s.sessionId);
      if (stored && stored.status !== 'draft') return true;
      // "write record" opens the latest session still needing its record.
      const card = cardsIn(await bot.say(who, 'write record')).find((c) => actionOf(c, 'recordShare'));
      const share = card ? actionOf(card, 'recordShare') : undefined;
      if (!card || !share?.data) return false;
      const answer = await bot.press(who, 'recordShare', { ...share.data, ...filled(inputsOf(card), addDays(s.date, 28)) });
      if (!ok(answer)) return false;
      const now = await repos.records.get(s.agreementId, s.sessionId);
      return now !== undefined && now.status !== 'draft';
    });
  }
}

async function signRecords(bot: BotDriver, repos: Repositories, supervisee: OrgPerson, owed: ReadonlyArray<{ agreementId: string; sessionId: string }>): Promise<void> {
  const who = user(supervisee);
  for (const s of owed) {
    await attempt(`sign record ${s.sessionId}`, async () => {
      const stored = await repos.records.get(s.agreementId, s.sessionId);
      if (stored?.status === 'final' || stored?.status === 'filed') return true;
      const list = cardsIn(await bot.say(who, 'my records'));
      const open = list.map((c) => actionOf(c, 'recordOpen')).find((a) => a?.data?.['sessionId'] === s.sessionId) ??
        list.flatMap((c) => allActions(c, 'recordOpen')).find((a) => a.data?.['sessionId'] === s.sessionId);
      if (!open?.data) return false;
      const opened = await bot.press(who, 'recordOpen', open.data);
      const sign = actionOf(opened.value, 'recordSign');
      if (!sign?.data) return false;
      const answer = await bot.press(who, 'recordSign', sign.data);
      if (!ok(answer)) return false;
      const now = await repos.records.get(s.agreementId, s.sessionId);
      return now?.status === 'final' || now?.status === 'filed';
    });
  }
}

/** Every button with this verb anywhere on the card (a list card has one per record). */
function allActions(card: CardJson, verb: string): Array<{ verb?: string; data?: Record<string, unknown> }> {
  const found: Array<{ verb?: string; data?: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const el = node as Record<string, unknown>;
    if (el['verb'] === verb) found.push(el as { verb?: string; data?: Record<string, unknown> });
    for (const v of Object.values(el)) if (typeof v === 'object') walk(v);
  };
  walk(card);
  return found;
}

/**
 * Waits until `count` reaches `total` (how many are done of how many), giving up only when nothing
 * in the run has progressed for STALL_MS (see `stalled`): each rise of the count is progress.
 */
async function waitFor(what: string, count: () => Promise<number>, total: number): Promise<boolean> {
  const since = Date.now();
  let best = -1;
  while (!stalled(since)) {
    const n = await count().catch(() => -1);
    if (n > best) {
      if (best >= 0) progressed();
      best = n;
    }
    if (n >= total) {
      progressed();
      return true;
    }
    await sleep(2_000);
  }
  say(`bench:cluster: stalled waiting for ${what} (${Math.max(0, best)} of ${total})`);
  return false;
}

// ── Counting ────────────────────────────────────────────────────────────────────────────────

interface ListedEvent {
  mailbox: string;
  id: string;
  iCalUId: string;
  transactionId: string | null;
  isOrganizer: boolean;
  isCancelled: boolean;
  attendees: Array<string | undefined>;
}

async function countEvents(sandbox: SandboxProcess, repos: Repositories, pairs: readonly Pair[]): Promise<{ expected: number; duplicates: number; missing: number }> {
  const listed = (await (await fetch(`${sandbox.url}/_sandbox/events?category=${encodeURIComponent(SUPERVISION_CATEGORY)}`)).json()) as ListedEvent[];
  const live = listed.filter((e) => !e.isCancelled);
  let expected = 0;
  let duplicates = 0;
  let missing = 0;
  for (const pair of pairs) {
    if (!pair.agreementId) continue;
    const all = await repos.agreements.sessions(pair.agreementId);
    const sessions = all.filter((s) => s.status === 'booked' || s.status === 'moved');
    // The pair's supervision meetings in the supervisor's calendar: booked ones carry the agreement's
    // transactionId prefix (event-content.ts), rebooked ones a transactionId of their own, so they
    // are known by the supervisee invited (one agreement per pair here); milestones are not sessions.
    const prefix = bookingTransactionPrefix(pair.agreementId);
    const milestones = milestoneTransactionPrefix(pair.agreementId);
    const organised = live.filter((e) => e.mailbox === pair.supervisor.id && e.isOrganizer && !(e.transactionId ?? '').startsWith(milestones) &&
      ((e.transactionId ?? '').startsWith(prefix) || e.attendees.some((a) => a?.toLowerCase() === pair.supervisee.mail.toLowerCase())));
    // Held sessions keep their meetings: a meeting is one too many only if no session at all points to it.
    const pointedAt = new Set(all.map((s) => s.eventId));
    for (const s of sessions) {
      expected++;
      const mine = organised.filter((e) => e.id === s.eventId);
      const copies = mine[0] ? live.filter((e) => e.mailbox === pair.supervisee.id && !e.isOrganizer && e.iCalUId === mine[0]?.iCalUId) : [];
      missing += (mine.length === 0 ? 1 : 0) + (copies.length === 0 ? 1 : 0);
      duplicates += Math.max(0, copies.length - 1);
    }
    // A meeting in Outlook that no session points to is one too many.
    duplicates += organised.filter((e) => !pointedAt.has(e.id)).length;
  }
  return { expected, duplicates, missing };
}

async function jobOutcomes(cluster: Cluster): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < cluster.size; i++) {
    const text = await readFile(cluster.logFile(i), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      const event = String(entry['event'] ?? '');
      if (!/^(booking|filing|record|record-cards|record_cards|preparation|sweep|calendar|calendar-sync|calendar_sync|booking-confirmations|filing-backstop|notices)[._-]/.test(event)) continue;
      const key = `${event}${entry['code'] ? `.${String(entry['code'])}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  say(`bench:cluster: ${values.instances} instances, ${SUPERVISORS} supervisors × ${SUPERVISEES}, ${FAULTS ? 'with' : 'without'} faults; logs in ${dataDir}`);
  // Data on disk and ports kept, so the Azurite started again after a stop (--faults) is the same one.
  const started0 = await startBenchAzurite({ location: join(dataDir, 'azurite') }, { freshPorts: true });
  const azuriteOptions = started0.options;
  let azurite: AzuriteInstance = started0.azurite;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sandbox = await startSandboxProcess(['--supervisors', String(SUPERVISORS), '--supervisees', String(SUPERVISEES), '--now', now]);
  const channel = await new ConnectorChannel().start();
  const storage = createStorage(azurite.connectionString);
  const repos = createRepositories(storage);
  await storage.ensureCreated();
  const cluster = new Cluster(Number(values.instances), {
    GRAPH_BASE_URL: `${sandbox.url}/v1.0`, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, LOG_LEVEL: 'info', CALENDAR_SYNC_SECONDS: '10',
  }, dataDir);
  let chaos = !values['no-kills'];
  let chaosLoop: Promise<void> = Promise.resolve();
  const out: Array<[string, string | number]> = [];
  try {
    await cluster.start();
    const bot = new BotDriver(cluster.proxyUrl, channel);
    const teams = teamsOf(await orgOf(sandbox.url), SUPERVISORS);
    const pairs: Pair[] = teams.flatMap((t) => t.supervisees.slice(0, SUPERVISEES).map((supervisee) => ({ supervisor: t.supervisor, supervisee })));
    // Everyone has opened the app once (the bot keeps their chat to write to them later).
    await inParallel([...new Set(pairs.flatMap((p) => [p.supervisor, p.supervisee]))], async (p) => attempt(`hello ${p.alias}`, async () => (await bot.say(user(p), 'hello')).length > 0));

    chaosLoop = (async () => {
      while (chaos) {
        await sleep(KILL_MIN + rnd() * (KILL_MAX - KILL_MIN));
        const live = cluster.live();
        if (!chaos || live.length < cluster.size) continue;
        await cluster.killAndRestart(live[Math.floor(rnd() * live.length)] ?? 0, 1_000 + rnd() * 3_000);
      }
    })();

    // 1. Onboarding, with the storms during it when asked.
    say('bench:cluster: onboarding');
    const storms = FAULTS ? (async () => {
      await sleep(20_000);
      say('bench:cluster: 429 storm (3 requests per 10 s per mailbox) for 30 s');
      await sandbox.configure({ throttle: { requestsPerWindow: 3, windowMs: 10_000 } });
      await sleep(30_000);
      await sandbox.configure({ throttle: { requestsPerWindow: 10_000, windowMs: 600_000 } });
      say('bench:cluster: 503 storm (every Graph request) for 60 s');
      await sandbox.configure({ faults: { errorRate: 1, retryAfterSeconds: 2 } });
      await sleep(60_000);
      await sandbox.configure({ faults: { errorRate: 0 } });
      say('bench:cluster: storms over');
    })() : Promise.resolve();
    // A person does one thing at a time: a supervisor drafts one agreement after another (two of the
    // same supervisor's turns at once would read each other's cards in their one chat, and the 10 × 2
    // run's second supervisee of a supervisor got the first one's agreement, so had no agenda).
    await inParallel(teams, async (t) => {
      for (const [nth, pair] of pairs.filter((p) => p.supervisor.id === t.supervisor.id).entries()) await agree(bot, repos, pair, nth);
    });
    await storms;
    const agreementIds = pairs.flatMap((p) => (p.agreementId ? [p.agreementId] : []));
    const bookedInTime = await waitFor('every agreement booked', async () => (await Promise.all(agreementIds.map((id) => repos.agreements.get(id)))).filter((a) => a?.status === 'booked').length, agreementIds.length);
    const agreements = (await Promise.all(agreementIds.map((id) => repos.agreements.get(id)))).filter((a): a is Agreement => a !== undefined);
    say(`bench:cluster: ${agreements.filter((a) => a.status === 'booked').length} of ${pairs.length} agreements booked`);
    // Each pair has an agreement of its own, between those two people (none shared, none crossed).
    const notTheirOwn = pairs.filter((p) => {
      const a = agreements.find((x) => x.id === p.agreementId);
      return !a || a.terms.superviseeId !== p.supervisee.id || a.terms.supervisorId !== p.supervisor.id || pairs.filter((q) => q.agreementId === p.agreementId).length > 1;
    }).length;

    // 2. Agenda.
    say('bench:cluster: agenda');
    const items = new Map<string, { agreementId: string; sessionId: string }>();
    await inParallel(pairs.filter((p) => p.agreementId), (pair) => addAgendaItems(bot, repos, pair, items));

    // 3. Records of the first meetings.
    const sessionsOf = new Map<string, PlannedSession[]>();
    for (const a of agreements) sessionsOf.set(a.id, (await repos.agreements.sessions(a.id)).filter((s) => s.status === 'booked'));
    const firsts = [...sessionsOf.values()].flatMap((s) => (s[0] ? [s[0]] : []));
    const afterFirsts = new Date(Math.max(...firsts.map((s) => Date.parse(s.endUtc))) + 16 * 60_000).toISOString();
    say(`bench:cluster: records (the clock moves to ${afterFirsts})`);
    await cluster.travel(afterFirsts);
    const azuriteRestart = FAULTS ? (async () => {
      await sleep(15_000);
      say('bench:cluster: Azurite stops');
      await azurite.close();
      await sleep(10_000);
      azurite = (await startBenchAzurite(azuriteOptions)).azurite;
      say('bench:cluster: Azurite is back');
    })() : Promise.resolve();
    const owed = pairs.flatMap((p) => {
      const all = p.agreementId ? sessionsOf.get(p.agreementId) ?? [] : [];
      return all.filter((s) => Date.parse(s.endUtc) + 15 * 60_000 <= Date.parse(afterFirsts)).map((s) => ({ pair: p, agreementId: s.agreementId, sessionId: s.sessionId, date: s.date }));
    });
    await inParallel(teams.map((t) => t.supervisor), (supervisor) => writeRecords(bot, repos, supervisor, owed.filter((o) => o.pair.supervisor.id === supervisor.id)));
    await inParallel(pairs, (pair) => signRecords(bot, repos, pair.supervisee, owed.filter((o) => o.pair === pair)));
    await azuriteRestart;
    await waitFor('every record filed', async () => (await Promise.all(owed.map((o) => repos.records.get(o.agreementId, o.sessionId)))).filter((r) => r?.status === 'filed').length, owed.length);

    // 4. Notices: a meeting cancelled in Outlook for every fourth pair; the supervisor rebooks from the card.
    say('bench:cluster: notices');
    const graph = createGraphClient({ baseUrl: `${sandbox.url}/v1.0`, tokens: sandboxTokenProvider() });
    const cancelled: Array<{ pair: Pair; session: PlannedSession }> = [];
    for (const [k, pair] of pairs.entries()) {
      if (k % 4 !== 0 || !pair.agreementId) continue;
      const session = (await repos.agreements.sessions(pair.agreementId)).filter((s) => s.status === 'booked' && Date.parse(s.startUtc) > Date.parse(cluster.now() ?? now)).at(-1);
      if (!session?.eventId) continue;
      await graph.api(`/users/${pair.supervisor.id}/events/${session.eventId}`).delete();
      cancelled.push({ pair, session });
    }
    const noticeMark = bot.mark();
    await waitFor('the cancellations noticed and told', async () => {
      let n = 0;
      for (const { pair, session } of cancelled) {
        const stored = await repos.agreements.session(session.agreementId, session.sessionId);
        const told = bot.to(user(pair.supervisor), noticeMark).some((a) => has(a, session.sessionId) && has(a, 'sessionRebook'));
        if (stored?.status === 'postponed' && told) n++;
      }
      return n;
    }, cancelled.length);
    await inParallel(cancelled, async ({ pair, session }) => attempt(`rebook ${session.sessionId}`, async () => {
      const stored = await repos.agreements.session(session.agreementId, session.sessionId);
      if (stored?.status === 'booked' || stored?.status === 'moved') return true;
      const card = cardsIn(bot.to(user(pair.supervisor), noticeMark)).find((c) => has(c, session.sessionId) && actionOf(c, 'sessionRebook'));
      const slot = card ? inputsOf(card)['slot'] || firstChoice(card, 'slot') : '';
      const reason = card ? firstChoice(card, 'reasonId') : '';
      if (!card || !slot) return false;
      const answer = await bot.press(user(pair.supervisor), 'sessionRebook', { ...actionOf(card, 'sessionRebook')?.data, slot, ...(reason ? { reasonId: reason } : { reason: 'Supervisor on leave' }) });
      return ok(answer);
    }));

    // 5. Escalations: a week after the next meetings, with no record written, at the sweep's hour.
    const seconds = [...sessionsOf.values()].flatMap((s) => (s[1] ? [s[1]] : []));
    const lastSecond = seconds.map((s) => s.date).sort().at(-1) ?? utcToLondon(now).date;
    const sweepDay = nextWorkingDayOnOrAfter(workingDays, addWorkingDays(workingDays, lastSecond, 8));
    const beforeSweep = new Date(Date.parse(londonToUtc(sweepDay, '08:00')) - 60_000).toISOString();
    say(`bench:cluster: escalations (the clock moves to ${beforeSweep}; the instances restart)`);
    await cluster.travel(beforeSweep);
    await cluster.rollingRestart();
    const sweepMark = bot.mark();
    const sweepRan = await waitFor('the sweep', async () => ((await readAll(cluster)).includes('"event":"sweep.done"') ? 1 : 0), 1);
    // The people told acknowledge each item from the card.
    const digests = channel.received.slice(sweepMark).filter((a) => typeof a.summary === 'string' && a.summary.startsWith('Supervision:'));
    const recipients = [...new Set(digests.map((a) => a.conversation?.id ?? ''))];
    await inParallel(recipients, async (chat) => {
      const card = cardsIn(digests.filter((a) => a.conversation?.id === chat))[0];
      const ack = card ? allActions(card, 'escalationAcknowledge')[0] : undefined;
      const who = chat.replace(/^a:personal-/, '');
      if (!ack?.data) return;
      await attempt(`acknowledge ${who.slice(0, 8)}`, async () => ok(await bot.press({ id: who, name: 'Manager' }, 'escalationAcknowledge', ack.data ?? {})));
    });

    chaos = false;
    await chaosLoop;
    // Let the backstops finish what a kill interrupted (the confirmation backstop runs every 5 min).
    await sleep(5_000);

    // ── Counting ──────────────────────────────────────────────────────────────────────────
    const events = await countEvents(sandbox, repos, pairs);
    const records = await Promise.all(owed.map((o) => repos.records.get(o.agreementId, o.sessionId)));
    const files = (await (await fetch(`${sandbox.url}/_sandbox/files`)).json()) as Array<{ path: string }>;
    let recordsMissing = 0;
    let recordFilesDuplicated = 0;
    for (const r of records) {
      if (r?.status !== 'filed' || !r.filed) {
        recordsMissing++;
        continue;
      }
      const folder = r.filed.pdfPath.slice(0, r.filed.pdfPath.lastIndexOf('/'));
      const sameDay = files.filter((f) => f.path.startsWith(folder) && f.path.slice(folder.length + 1).startsWith(r.sessionDate));
      recordFilesDuplicated += Math.max(0, sameDay.length - 2);
      if (!files.some((f) => f.path === r.filed?.pdfPath) || !files.some((f) => f.path === r.filed?.jsonPath)) recordsMissing++;
    }
    let itemsMissing = 0;
    let itemsDuplicated = 0;
    for (const [itemId, target] of items) {
      const n = (await repos.records.agenda(target.agreementId, target.sessionId))?.items.filter((i) => i.itemId === itemId).length ?? 0;
      itemsMissing += n === 0 ? 1 : 0;
      itemsDuplicated += Math.max(0, n - 1);
    }
    itemsMissing += pairs.filter((p) => p.agreementId).length * 3 - items.size;
    const perRecipient = new Map<string, number>();
    for (const a of digests) perRecipient.set(a.conversation?.id ?? '', (perRecipient.get(a.conversation?.id ?? '') ?? 0) + 1);
    const escalationsDuplicated = [...perRecipient.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const ledger = await Promise.all(agreementIds.map((id) => repos.escalations.ledgerOf(id).catch(() => [])));
    const stepsUnsent = ledger.flat().filter((row) => row.state !== 'sent').length;
    let noticesMissing = 0;
    let noticesDuplicated = 0;
    for (const { pair, session } of cancelled) {
      const cards = bot.to(user(pair.supervisor), noticeMark).filter((a) => has(a, session.sessionId) && has(a, 'sessionRebook'));
      noticesMissing += cards.length === 0 ? 1 : 0;
      noticesDuplicated += Math.max(0, cards.length - 1);
    }
    const undelivered = (await Promise.all([...new Set(pairs.map((p) => p.supervisor.id))].map((id) => repos.notices.undelivered(id)))).flat().length;
    const confirmationsMissing = pairs.filter((p) => p.agreementId).flatMap((p) => [p.supervisor, p.supervisee])
      .filter((p) => !channel.received.some((a) => a.conversation?.id === `a:personal-${p.id}` && a.summary === 'Your year of supervision is booked')).length;
    const recover = cluster.recoveries.map((r) => r.seconds);

    const lost = events.missing + recordsMissing + itemsMissing + noticesMissing + undelivered + (agreements.length - agreements.filter((a) => a.status === 'booked').length) + (pairs.length - agreementIds.length) + notTheirOwn;
    const duplicated = events.duplicates + recordFilesDuplicated + itemsDuplicated + escalationsDuplicated + noticesDuplicated;
    out.push(
      ['lost', lost],
      ['duplicated', duplicated],
      ['duplicates', events.duplicates],
      ['missing_events', events.missing],
      ['records_missing', recordsMissing],
      ['records_duplicated', recordFilesDuplicated],
      ['agenda_items_missing', itemsMissing],
      ['agenda_items_duplicated', itemsDuplicated],
      ['escalations_duplicated', escalationsDuplicated],
      ['notices_missing', noticesMissing + undelivered],
      ['notices_duplicated', noticesDuplicated],
      ['kills', cluster.recoveries.length],
      ['recover_seconds_mean', recover.length ? (recover.reduce((a, b) => a + b, 0) / recover.length).toFixed(1) : 'n/a'],
      ['recover_seconds_max', recover.length ? Math.max(...recover).toFixed(1) : 'n/a'],
      // Context for the figures above.
      ['agreements', pairs.length],
      ['agreements_booked', agreements.filter((a) => a.status === 'booked').length],
      ['agreements_not_their_own', notTheirOwn],
      ['booked_in_time', String(bookedInTime)],
      ['events_expected', events.expected],
      ['records_filed', records.filter((r) => r?.status === 'filed').length],
      ['agenda_items', items.size],
      ['notices', cancelled.length],
      ['escalation_messages', digests.length],
      ['escalation_steps_not_sent', stepsUnsent],
      ['sweep_ran', String(sweepRan)],
      ['confirmations_missing', confirmationsMissing],
      ['steps', stats.steps],
      ['steps_retried', stats.retried],
      ['steps_failed', stats.failed.length],
      ['proxy_failures', cluster.proxyFailures],
      ['faults', String(FAULTS)],
      ['wall_seconds', ((Date.now() - started) / 1000).toFixed(0)],
      ['logs', dataDir],
    );
    for (const [event, n] of [...(await jobOutcomes(cluster))].sort()) out.push([`log_${event}`, n]);
    for (const f of stats.failed.slice(0, 10)) say(`bench:cluster: failed step: ${f}`);
  } finally {
    chaos = false;
    await chaosLoop.catch(() => undefined);
    await cluster.stop().catch(() => undefined);
    await channel.stop();
    await sandbox.close();
    await azurite.close();
  }
  for (const [name, value] of out) process.stdout.write(`${name}: ${value}\n`);
}

/** The first choice of a ChoiceSet input on the card. */
function firstChoice(card: CardJson, id: string): string {
  let found = '';
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const el = node as Record<string, unknown>;
    if (el['id'] === id && Array.isArray(el['choices'])) found = String((el['choices'][0] as { value?: unknown } | undefined)?.value ?? '');
    for (const v of Object.values(el)) if (typeof v === 'object') walk(v);
  };
  walk(card.body);
  return found;
}

async function readAll(cluster: Cluster): Promise<string> {
  const parts = await Promise.all(Array.from({ length: cluster.size }, (_, i) => readFile(cluster.logFile(i), 'utf8').catch(() => '')));
  return parts.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`bench:cluster failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
