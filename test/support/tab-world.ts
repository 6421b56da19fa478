import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { createStorage } from '../../src/adapters/storage/index.js';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/schema.js';
import type { Agreement, PlannedSession } from '../../src/domain/agreements/types.js';
import { silentLogger } from '../../src/observability/logger.js';
import { getPack } from '../../src/policy/packs.js';
import { createRepositories, type Repositories } from '../../src/repositories/index.js';
import { RefusalRepository, refusalLog } from '../../src/repositories/refusals.js';
import type { AzuriteInstance } from '../../src/sandbox/azurite.js';
import { startAzuriteProcess } from '../../src/sandbox/azurite-process.js';
import { findPerson, type DemoOrg, type DemoPerson } from '../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';
import { tabHostFor } from '../../src/sandbox/tab-host/for-tenant.js';
import { esbuildAssets } from '../../src/tab/build/esbuild-assets.js';
import { addAgendaItem } from '../../src/usecases/agenda/agenda.js';
import type { RecordDeps } from '../../src/usecases/records/deps.js';
import { openRecordForSession } from '../../src/usecases/records/open-record.js';
import { recordSetup, slotIdsFor } from '../../src/usecases/records/record-context.js';
import { shareRecord } from '../../src/usecases/records/share-record.js';
import { signRecord } from '../../src/usecases/records/sign-record.js';
import { InMemoryDirectory } from './in-memory-directory.js';

/**
 * One stack per test file for the tab (issue 13): Azurite, the sandbox tenant (identity provider
 * for the tab's single sign-on) and the app with the tab and the local Teams-like host mounted, as
 * `npm start` mounts them, plus a lived-in year of supervision for the demo people.
 */
export interface TabWorld {
  readonly app: RunningApp;
  readonly tenant: SandboxTenant;
  readonly azurite: AzuriteInstance;
  readonly config: Config;
  readonly url: string;
  readonly repos: Repositories;
  readonly seeded: Seeded;
  person(alias: string): DemoPerson;
}

export interface Seeded {
  /** tm1 ↔ sw1: a year every four weeks, past sessions signed, the last one waiting for sw1. */
  readonly main: { agreementId: string; sharedSessionId: string; nextSessionId: string; finalSessionId: string };
  /** tm1 ↔ another of tm1's reports. */
  readonly second: { agreementId: string };
  /** tm2 ↔ one of tm2's reports (another team under sm1). */
  readonly other: { agreementId: string; sessionId: string };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => day(new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000));

function directoryOf(org: DemoOrg): InMemoryDirectory {
  const directory = new InMemoryDirectory();
  for (const p of org.people) {
    const manager = org.people.find((m) => m.alias === p.managerAlias);
    directory.add({ id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, mail: p.mail }, manager?.id);
  }
  return directory;
}

/** A Tuesday about `weeksAgo` weeks back. */
function tuesdayWeeksAgo(weeksAgo: number): string {
  const base = addDays(day(new Date()), -7 * weeksAgo);
  const dow = new Date(`${base}T12:00:00Z`).getUTCDay();
  return addDays(base, (2 - dow + 7) % 7);
}

async function agreementWith(repos: Repositories, supervisor: DemoPerson, supervisee: DemoPerson, start: string, sessions: number): Promise<{ agreement: Agreement; sessions: PlannedSession[] }> {
  const id = `tab-${randomUUID().slice(0, 8)}`;
  const createdAt = `${start}T09:00:00Z`;
  const agreement: Agreement = {
    id,
    terms: {
      policyId: 'sefton', roleId: 'social-worker', supervisorId: supervisor.id, superviseeId: supervisee.id, employmentStart: '2020-01-06', agreementDate: start,
      weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: 'Assessments', othersWhoMaySee: [], reviewDate: addDays(start, 364),
    },
    status: 'booked', signatures: {}, comments: [], createdAt, updatedAt: createdAt,
    parties: { supervisorName: supervisor.displayName, superviseeName: supervisee.displayName },
  };
  await repos.agreements.create(agreement);
  await repos.agreements.link(supervisor.id, { agreementId: id, party: 'supervisor', createdAt });
  await repos.agreements.link(supervisee.id, { agreementId: id, party: 'supervisee', createdAt });
  const planned: PlannedSession[] = [];
  for (let i = 0; i < sessions; i++) {
    const date = addDays(start, 28 * i);
    const s: PlannedSession = {
      sessionId: `${id}-s${String(i + 1).padStart(2, '0')}`, agreementId: id, date, start: '10:00', minutes: 90,
      startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:30:00Z`, rule: 'SE-F1', status: 'booked',
      joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}-${i + 1}`,
    };
    await repos.agreements.createSession(s);
    planned.push(s);
  }
  return { agreement, sessions: planned };
}

async function share(deps: RecordDeps, supervisor: DemoPerson, agreementId: string, sessionId: string): Promise<void> {
  const { record } = await openRecordForSession(deps, agreementId, sessionId);
  const setup = await recordSetup(deps, record);
  const actionIds = slotIdsFor(record);
  const fields: Record<string, string> = {
    discussion: 'Caseload, wellbeing and training were discussed.', decisions: 'Keep the current caseload.', personalIssues: 'no',
    a0_text: 'Book the court skills course', a0_owner: 'supervisee', a0_due: addDays(record.sessionDate, 21),
  };
  setup.standingItems.forEach((_item, i) => (fields[`si${i}_status`] = 'addressed'));
  const result = await shareRecord(deps, { id: supervisor.id, name: supervisor.displayName }, { agreementId, sessionId, basedOn: 0, fields, actionIds });
  if (result.kind !== 'shared') throw new Error(`seeding a record failed: ${JSON.stringify(result.errors)}`);
}

async function seed(storageTarget: string, org: DemoOrg): Promise<Seeded> {
  const storage = createStorage(storageTarget);
  await storage.ensureCreated();
  const repos = createRepositories(storage);
  const directory = directoryOf(org);
  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const deps: RecordDeps = { records: repos.records, agreements: repos.agreements, directory, packFor: getPack, now, newId: randomUUID };
  const p = (alias: string) => {
    const found = findPerson(org, alias);
    if (!found) throw new Error(`no demo person ${alias}`);
    return found;
  };
  const tm1 = p('tm1');
  const sw1 = p('sw1');
  const tm1Reports = org.people.filter((x) => x.managerAlias === 'tm1' && x.alias !== 'sw1');
  const tm2Report = org.people.find((x) => x.managerAlias === 'tm2');
  if (!tm1Reports[0] || !tm2Report) throw new Error('the demo organisation has no reports for tm1 or tm2');

  const main = await agreementWith(repos, tm1, sw1, tuesdayWeeksAgo(17), 13);
  const past = main.sessions.filter((s) => s.endUtc < now());
  const upcoming = main.sessions.filter((s) => s.startUtc > now());
  if (past.length < 3 || !upcoming[0]) throw new Error('seed: expected past and upcoming sessions');
  for (const s of past.slice(0, -1)) {
    await share(deps, tm1, main.agreement.id, s.sessionId);
    const record = await repos.records.require(main.agreement.id, s.sessionId);
    const hash = record.versions.at(-1)?.hash ?? '';
    await signRecord(deps, { id: sw1.id, name: sw1.displayName }, { agreementId: main.agreement.id, sessionId: s.sessionId, hash });
  }
  const shared = past.at(-1)!;
  await share(deps, tm1, main.agreement.id, shared.sessionId);
  await addAgendaItem({ agreements: repos.agreements, records: repos.records, directory, packFor: getPack, now }, sw1.id, { agreementId: main.agreement.id, sessionId: upcoming[0].sessionId }, { itemId: 'seed-item-1', kind: 'topic', text: 'Training plan for the year' });

  const second = await agreementWith(repos, tm1, tm1Reports[0], tuesdayWeeksAgo(9), 13);
  const other = await agreementWith(repos, p('tm2'), tm2Report, tuesdayWeeksAgo(5), 13);
  return {
    main: { agreementId: main.agreement.id, sharedSessionId: shared.sessionId, nextSessionId: upcoming[0].sessionId, finalSessionId: past[0]!.sessionId },
    second: { agreementId: second.agreement.id },
    other: { agreementId: other.agreement.id, sessionId: other.sessions[0]!.sessionId },
  };
}

export async function startTabWorld(env: Record<string, string> = {}): Promise<TabWorld> {
  const azurite = await startAzuriteProcess();
  const tenant = await startSandboxTenant({ port: 0 });
  const config = parseConfig({
    SUPERVISION_MODE: 'sandbox', PORT: '0', COUNCIL_NAME: 'Northshire County Council', POLICY_PACK: 'sefton',
    GRAPH_BASE_URL: tenant.graphBaseUrl, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, ...env,
  });
  let app: RunningApp;
  try {
    app = await startApp(config, silentLogger, { tabAssets: esbuildAssets(), mount: tabHostFor(tenant, config.COUNCIL_NAME) });
  } catch (error) {
    await tenant.close();
    await azurite.close();
    throw error;
  }
  const seeded = await seed(azurite.connectionString, tenant.org);
  return {
    app, tenant, azurite, config, url: app.server.url, seeded,
    repos: createRepositories(createStorage(azurite.connectionString)),
    person(alias) {
      const found = findPerson(tenant.org, alias);
      if (!found) throw new Error(`no demo person ${alias}`);
      return found;
    },
  };
}

export async function stopTabWorld(world: TabWorld): Promise<void> {
  await world.app.close();
  await world.tenant.close();
  await world.azurite.close();
}

export function useTabWorld(env: Record<string, string> = {}): () => TabWorld {
  let world: TabWorld | undefined;
  beforeAll(async () => {
    world = await startTabWorld(env);
  }, 120_000);
  afterAll(async () => {
    if (world) await stopTabWorld(world);
  });
  return () => {
    if (!world) throw new Error('the tab world did not start');
    return world;
  };
}

/** A token as the local host gets one for the tab: signed by the sandbox tenant for a demo person. */
export async function tokenFor(world: TabWorld, alias: string, options: { scope?: string; lifetimeSeconds?: number } = {}): Promise<string> {
  const { issueUserToken, productApiScope } = await import('../../src/sandbox/entra/user-tokens.js');
  const person = world.person(alias);
  const answer = await issueUserToken(world.tenant.identity, (key) => world.tenant.store.findUser(key), {
    person: person.userPrincipalName,
    scope: options.scope ?? productApiScope(new URL(world.url).host),
    ...(options.lifetimeSeconds !== undefined ? { lifetimeSeconds: options.lifetimeSeconds } : {}),
  });
  if (!answer.ok) throw new Error(`no token: ${answer.description}`);
  return answer.accessToken;
}

export async function api(world: TabWorld, token: string | undefined, path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string; headers: Headers }> {
  const res = await fetch(`${world.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Calls the tab's API as a demo person, one token per person for the file. */
export function asPerson(world: () => TabWorld): (alias: string, path: string, body?: unknown) => ReturnType<typeof api> {
  const tokens = new Map<string, string>();
  return async (alias, path, body) => {
    const w = world();
    if (!tokens.has(alias)) tokens.set(alias, await tokenFor(w, alias));
    return api(w, tokens.get(alias), path, body);
  };
}

/** What a demo person was refused this month, from the audit log. */
export async function refusalsBy(w: TabWorld, alias: string): Promise<string[]> {
  const repo = new RefusalRepository(refusalLog(createStorage(w.azurite.connectionString)));
  const month = new Date().toISOString().slice(0, 7);
  return (await repo.inMonth(month)).filter((e) => e.byId === w.person(alias).id).map((e) => e.what);
}
