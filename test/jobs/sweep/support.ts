import { createStorage, type AppStorage } from '../../../src/adapters/storage/index.js';
import { uniqueName } from '../../support/azurite.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { addDays, addMonths } from '../../../src/domain/calendar/local-date.js';
import { londonToUtc, londonToUtcMs } from '../../../src/domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { parseEscalationSettings, type EscalationSettingsInput } from '../../../src/domain/escalation/index.js';
import type { Directory, Person } from '../../../src/domain/people/person.js';
import type { Messenger, OutboundMessage, SendOptions, SendOutcome } from '../../../src/domain/ports/messenger.js';
import { type SweepDeps } from '../../../src/jobs/sweep/index.js';
import { AgreementRepository, agreementKey, agreementTables, sessionKey } from '../../../src/repositories/agreements.js';
import { escalationRepository } from '../../../src/repositories/escalations.js';
import { actionKey, RecordRepository, recordKey, recordTables } from '../../../src/repositories/records.js';
import type { SessionRecord, TrackedAction } from '../../../src/domain/records/schema.js';
import { getPack } from '../../../src/policy/packs.js';

export const calendar = createWorkingCalendar({ nation: 'england-and-wales' });

export const settingsInput: EscalationSettingsInput = {
  reference: 'Demo council escalation settings, 2026',
  lineManagerAfterWorkingDays: 3,
  nextTierAfterWorkingDays: 5,
  fallback: { personId: 'hos1', role: 'Head of Service' },
};

/** The directory as the sweep sees it: only the manager chain matters here. */
export function fakeDirectory(managers: Record<string, string | undefined>): Pick<Directory, 'getManager'> {
  return {
    async getManager(id: string): Promise<Person | undefined> {
      const m = managers[id];
      return m ? { id: m, displayName: m } : undefined;
    },
  };
}

export interface Sent {
  readonly personId: string;
  readonly key: string;
  readonly message: OutboundMessage;
}

/**
 * The system boundary in these tests: records what would reach people. It honours idempotency
 * keys as the Teams adapter is required to; people in `blocked` answer 403 like Teams does.
 */
export class RecordingMessenger implements Messenger {
  readonly channel: string;
  readonly honoursIdempotencyKey: boolean;
  readonly sent: Sent[] = [];
  readonly blocked = new Set<string>();
  /** Throws (as a dying process would stop) right after this many more sends. */
  crashAfter: number | undefined;
  private readonly keys = new Set<string>();

  constructor(channel = 'teams', honours = true) {
    this.channel = channel;
    this.honoursIdempotencyKey = honours;
  }

  async send(personId: string, message: OutboundMessage, options: SendOptions): Promise<SendOutcome> {
    if (this.blocked.has(personId)) return { status: 'blocked', channel: this.channel, reason: 'HTTP 403' };
    if (this.honoursIdempotencyKey && this.keys.has(options.idempotencyKey)) return { status: 'delivered', channel: this.channel };
    this.keys.add(options.idempotencyKey);
    this.sent.push({ personId, key: options.idempotencyKey, message });
    if (this.crashAfter !== undefined) {
      this.crashAfter -= 1;
      if (this.crashAfter <= 0) { this.crashAfter = undefined; throw new Error('simulated crash after send'); }
    }
    return { status: 'delivered', channel: this.channel };
  }
}

export interface AgreementSpec {
  readonly id: string;
  readonly policyId: string;
  readonly roleId: string;
  readonly supervisorId: string;
  readonly superviseeId: string;
  readonly agreementDate: string;
  readonly employmentStart?: string;
  readonly seniorManagerId?: string;
  readonly sessions: readonly { date: string; status: PlannedSession['status'] }[];
  /**
   * Written the way the product keeps them: `records` become session records (first version
   * shared on sharedOn, signatures on their dates), `postponements` the sessions' postponement
   * entries, `reviews` the agreement's review: the day both signed the reviewed agreement
   * (`renewedBy`, issue 14 item 3; the agreementfacts table is gone).
   */
  readonly facts?: {
    readonly records?: Readonly<Record<string, { sharedOn?: string; signedBySupervisor?: string; signedBySupervisee?: string }>>;
    readonly postponements?: Readonly<Record<string, { reason?: string; rebookedTo?: string }>>;
    readonly reviews?: readonly string[];
  };
  readonly actions?: readonly { id: string; ownerId: string; due: string; status?: TrackedAction['status']; closedOn?: string }[];
  readonly status?: Agreement['status'];
  /** For an ended agreement: the day it ended (its updatedAt). */
  readonly endedOn?: string;
}

const at = (date: string, time = '12:00'): string => londonToUtc(date, time);
const sig = (id: string, date: string) => ({ signerId: id, signerName: id, signedAt: at(date), hash: 'a'.repeat(64) });

/** A session record as the record flow leaves it, from the dates the spec gives. */
export function recordOf(a: AgreementSpec, sessionId: string, date: string, f: { sharedOn?: string; signedBySupervisor?: string; signedBySupervisee?: string }): SessionRecord {
  const content = { standingItems: [], agendaItems: [], discussion: 'Discussed caseload.', decisions: '', actions: [], personalIssuesDiscussed: false };
  const versions = f.sharedOn ? [{
    version: 1, content, hash: 'a'.repeat(64), sharedAt: at(f.sharedOn, '11:00'), supervisorSignature: sig(a.supervisorId, f.signedBySupervisor ?? f.sharedOn),
    ...(f.signedBySupervisee ? { superviseeSignature: sig(a.superviseeId, f.signedBySupervisee) } : {}),
  }] : [];
  return {
    agreementId: a.id, sessionId, sessionDate: date, policyId: a.policyId, templateId: 'test', supervisor: { id: a.supervisorId, name: a.supervisorId }, supervisee: { id: a.superviseeId, name: a.superviseeId },
    status: f.signedBySupervisee ? 'final' : f.sharedOn ? 'shared' : 'draft', versions, history: [], createdAt: at(date), updatedAt: at(date),
  };
}

/** What the stores hold for a spec: planned sessions, records, tracked actions. */
export function storedFor(a: AgreementSpec): { sessions: PlannedSession[]; records: SessionRecord[]; actions: TrackedAction[] } {
  const sessions: PlannedSession[] = [];
  const records: SessionRecord[] = [];
  a.sessions.forEach((s, i) => {
    const sessionId = `${a.id}-s${String(i + 1).padStart(3, '0')}`;
    const p = a.facts?.postponements?.[s.date];
    sessions.push({
      sessionId, agreementId: a.id, date: s.date, start: '10:00', minutes: 60, startUtc: londonToUtc(s.date, '10:00'), endUtc: londonToUtc(s.date, '11:00'), rule: 'test', status: s.status,
      ...(p?.rebookedTo ? { postponements: [{ recordedAt: at(s.date), recordedBy: a.supervisorId, reasonId: p.reason, reason: p.reason ?? 'unknown', fromDate: s.date, toDate: p.rebookedTo }] } : {}),
    });
    const r = a.facts?.records?.[s.date];
    if (r && s.status === 'held') records.push(recordOf(a, sessionId, s.date, r));
  });
  const actions = (a.actions ?? []).map((x): TrackedAction => ({
    actionId: x.id, agreementId: a.id, fromSessionId: `${a.id}-s001`, text: `action ${x.id}`, ownerId: x.ownerId, ownerName: x.ownerId, due: x.due,
    status: x.status ?? 'open', updatedAt: x.closedOn ? at(x.closedOn) : at(a.agreementDate), notes: [],
  }));
  return { sessions, records, actions };
}

export function agreementOf(a: AgreementSpec): Agreement {
  const at = londonToUtc(a.agreementDate, '09:00');
  const sig = (who: string) => ({ signerId: who, signerName: who, signedAt: at, hash: '0'.repeat(64) });
  return {
    id: a.id, status: a.status ?? 'booked', comments: [], createdAt: at, updatedAt: a.endedOn ? londonToUtc(a.endedOn, '09:00') : at,
    signatures: { supervisor: sig(a.supervisorId), supervisee: sig(a.superviseeId) },
    terms: {
      policyId: a.policyId, roleId: a.roleId, supervisorId: a.supervisorId, superviseeId: a.superviseeId,
      employmentStart: a.employmentStart ?? addMonths(a.agreementDate, -60), agreementDate: a.agreementDate, weekday: 2, time: '10:00', minutes: 60,
      format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: addDays(a.agreementDate, 365),
      ...(a.seniorManagerId ? { seniorManagerId: a.seniorManagerId } : {}),
    },
    ...(a.facts?.reviews?.[0] ? { renewedBy: { agreementId: `${a.id}-next`, signedOn: a.facts.reviews[0], from: addMonths(a.agreementDate, 12) } } : {}),
  };
}

/** Every scenario gets its own tables in the file's Azurite, so scenarios never see each other's rows. */
export function isolated(storage: AppStorage, prefix: string): AppStorage {
  return {
    ...storage,
    versioned: (table, schema) => storage.versioned(`${prefix}${table}`.slice(0, 63), schema),
    log: (table, schema) => storage.log(`${prefix}${table}`.slice(0, 63), schema),
    leases: () => storage.leases(`locks-${prefix}`),
  };
}

export async function setup(connectionString: string, specs: readonly AgreementSpec[], options: { managers: Record<string, string | undefined>; settings?: Partial<EscalationSettingsInput>; messenger?: RecordingMessenger; mail?: Messenger; prefix?: string }) {
  const storage = isolated(createStorage(connectionString), options.prefix ?? uniqueName('t'));
  const agreements = new AgreementRepository(agreementTables(storage));
  const records = new RecordRepository(recordTables(storage));
  const escalations = escalationRepository(storage);
  await storage.ensureCreated();
  const repositories = { agreements, records, escalations };
  for (const spec of specs) await writeSpec(repositories, spec);
  const messenger = options.messenger ?? new RecordingMessenger();
  const deps = {
    agreements, records, escalations, directory: fakeDirectory(options.managers), messenger, mail: options.mail,
    packFor: (id: string) => getPack(id), calendar, settings: parseEscalationSettings({ ...settingsInput, ...options.settings }),
  } satisfies SweepDeps;
  const write = (spec: AgreementSpec): Promise<void> => writeSpec(repositories, spec);
  return { storage, stores: escalations.tables, deps, messenger, write };
}

/** Writes (or rewrites) one spec's agreement, sessions, records, and actions, straight to the repositories' tables. */
export async function writeSpec(r: { agreements: AgreementRepository; records: RecordRepository }, spec: AgreementSpec): Promise<void> {
  await r.agreements.tables.agreements.upsert(agreementKey(spec.id), agreementOf(spec));
  const stored = storedFor(spec);
  for (const s of stored.sessions) await r.agreements.tables.sessions.upsert(sessionKey(spec.id, s.sessionId), s);
  for (const x of stored.records) await r.records.tables.records.upsert(recordKey(spec.id, x.sessionId), x);
  for (const x of stored.actions) await r.records.tables.actions.upsert(actionKey(spec.id, x.actionId), x);
}

/** 08:00 London on that day: the daily sweep's time. */
export const sweepTime = (day: string, time = '08:00'): Date => new Date(londonToUtcMs(day, time));
