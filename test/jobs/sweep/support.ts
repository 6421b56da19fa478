import { createStorage, type AppStorage } from '../../../src/adapters/storage/index.js';
import { uniqueName } from '../../support/azurite.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { addDays, addMonths } from '../../../src/domain/calendar/local-date.js';
import { londonToUtc, londonToUtcMs } from '../../../src/domain/calendar/london-time.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { parseEscalationSettings, type EscalationSettingsInput } from '../../../src/domain/escalation/index.js';
import type { Directory, Person } from '../../../src/domain/people/person.js';
import type { Messenger, OutboundMessage, SendOptions, SendOutcome } from '../../../src/domain/ports/messenger.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/jobs/booking/stores.js';
import { factsKey, sweepStores, type AgreementFacts, type SweepDeps } from '../../../src/jobs/sweep/index.js';
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
  readonly facts?: Partial<AgreementFacts>;
}

export function agreementOf(a: AgreementSpec): Agreement {
  const at = londonToUtc(a.agreementDate, '09:00');
  const sig = (who: string) => ({ signerId: who, signerName: who, signedAt: at, hash: '0'.repeat(64) });
  return {
    id: a.id, status: 'booked', comments: [], createdAt: at, updatedAt: at,
    signatures: { supervisor: sig(a.supervisorId), supervisee: sig(a.superviseeId) },
    terms: {
      policyId: a.policyId, roleId: a.roleId, supervisorId: a.supervisorId, superviseeId: a.superviseeId,
      employmentStart: a.employmentStart ?? addMonths(a.agreementDate, -60), agreementDate: a.agreementDate, weekday: 2, time: '10:00', minutes: 60,
      format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: addDays(a.agreementDate, 365),
      ...(a.seniorManagerId ? { seniorManagerId: a.seniorManagerId } : {}),
    },
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
  const stores = sweepStores(storage);
  const agreements = agreementStore(storage);
  const sessions = sessionStore(storage);
  await storage.ensureCreated();
  for (const spec of specs) {
    await agreements.upsert(agreementKey(spec.id), agreementOf(spec));
    let n = 0;
    for (const s of spec.sessions) {
      n += 1;
      const sessionId = `${spec.id}-s${String(n).padStart(3, '0')}`;
      await sessions.upsert(sessionKey(spec.id, sessionId), {
        sessionId, agreementId: spec.id, date: s.date, start: '10:00', minutes: 60, startUtc: londonToUtc(s.date, '10:00'), endUtc: londonToUtc(s.date, '11:00'), rule: 'test', status: s.status,
      });
    }
    if (spec.facts) await stores.facts.upsert(factsKey(spec.id), { records: {}, postponements: {}, reviews: [], ...spec.facts });
  }
  const messenger = options.messenger ?? new RecordingMessenger();
  const deps: SweepDeps = {
    stores, agreements, sessions, directory: fakeDirectory(options.managers), messenger, mail: options.mail,
    packFor: (id) => getPack(id), calendar, settings: parseEscalationSettings({ ...settingsInput, ...options.settings }),
  };
  return { storage, stores, deps, messenger };
}

/** 08:00 London on that day: the daily sweep's time. */
export const sweepTime = (day: string, time = '08:00'): Date => new Date(londonToUtcMs(day, time));
