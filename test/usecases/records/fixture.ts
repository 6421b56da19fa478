/**
 * A booked Central Bedfordshire agreement (admin and domestic staff: the 12 BIC 531 standing
 * items) between a supervisor and a supervisee, on Azurite, with an in-memory directory and a
 * clock the test moves. Shared by the record use-case, conversation and job tests.
 */
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { SessionAgenda } from '../../../src/domain/agenda/schema.js';
import { agreementKey, sessionKey } from '../../../src/repositories/tables.js';
import { agendaKey } from '../../../src/repositories/tables.js';
import { getPack } from '../../../src/policy/packs.js';
import type { RecordDeps } from '../../../src/usecases/records/deps.js';
import { AgreementRepository, agreementTables, type AgreementTables } from '../../../src/repositories/agreements.js';
import { RecordRepository, recordTables, type RecordTables } from '../../../src/repositories/records.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';

export const people = {
  supervisor: { id: 'tm-0001', displayName: 'Tariq Manager' },
  supervisee: { id: 'sw-0001', displayName: 'Sam Worker' },
  stranger: { id: 'xx-0001', displayName: 'Nosey Parker' },
};

export interface Fixture {
  readonly deps: RecordDeps;
  /** The tables behind deps, for set-up and inspection. */
  readonly stores: AgreementTables & RecordTables;
  readonly directory: InMemoryDirectory;
  readonly clock: { now: string };
  readonly finals: [string, string][];
  readonly agreementId: string;
  /** s01 ended yesterday, s02 ended an hour ago, s03 is next month. */
  readonly sessions: readonly PlannedSession[];
}

let counter = 0;

export async function bookedAgreement(connectionString: string, options: { agreementId?: string; policyId?: string; roleId?: string } = {}): Promise<Fixture> {
  const storage = createStorage(connectionString);
  const clock = { now: '2026-12-02T12:00:00Z' };
  const finals: [string, string][] = [];
  const directory = new InMemoryDirectory().add(people.supervisor).add(people.supervisee, people.supervisor.id).add(people.stranger);
  const stores = { ...agreementTables(storage), ...recordTables(storage) };
  const deps: RecordDeps = {
    records: new RecordRepository(stores),
    agreements: new AgreementRepository(stores),
    directory,
    packFor: getPack,
    now: () => clock.now,
    newId: () => `id-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
    onFinal: async (agreementId, sessionId) => {
      finals.push([agreementId, sessionId]);
    },
  };
  await storage.ensureCreated();
  const agreementId = options.agreementId ?? `ag-${Math.random().toString(36).slice(2, 10)}`;
  const agreement: Agreement = {
    id: agreementId,
    terms: {
      policyId: options.policyId ?? 'central-bedfordshire', roleId: options.roleId ?? 'admin-domestic', supervisorId: people.supervisor.id, superviseeId: people.supervisee.id,
      employmentStart: '2020-01-06', agreementDate: '2026-11-01', weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Admin',
      othersWhoMaySee: [], reviewDate: '2027-11-01',
    },
    status: 'booked', signatures: {}, comments: [], createdAt: clock.now, updatedAt: clock.now,
    parties: { supervisorName: people.supervisor.displayName, superviseeName: people.supervisee.displayName },
  };
  await stores.agreements.create(agreementKey(agreementId), agreement);
  for (const [personId, party] of [[people.supervisor.id, 'supervisor'], [people.supervisee.id, 'supervisee']] as const) {
    await stores.links.upsert({ partition: personId, id: agreementId }, { agreementId, party, createdAt: clock.now });
  }
  const session = (n: number, date: string, startUtc: string, endUtc: string, joinUrl?: string): PlannedSession => ({
    sessionId: `${agreementId}-s0${n}`, agreementId, date, start: '10:00', minutes: 60, startUtc, endUtc, rule: 'CB-F1', status: 'booked', ...(joinUrl ? { joinUrl } : {}),
  });
  const sessions = [
    session(1, '2026-12-01', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', `https://teams.example/join/${agreementId}/1`),
    session(2, '2026-12-02', '2026-12-02T10:00:00Z', '2026-12-02T11:00:00Z', `https://teams.example/join/${agreementId}/2`),
    session(3, '2027-01-05', '2027-01-05T10:00:00Z', '2027-01-05T11:00:00Z'),
  ];
  for (const s of sessions) await stores.sessions.create(sessionKey(agreementId, s.sessionId), s);
  const agenda: SessionAgenda = {
    agreementId, sessionId: sessions[0]!.sessionId, preparation: [], updatedAt: clock.now,
    items: [{ itemId: 'i1', kind: 'case', text: 'Case review', caseRef: 'LCS-12345', addedById: people.supervisee.id, addedByRole: 'supervisee', addedAt: clock.now }],
  };
  await stores.agendas.create(agendaKey(agreementId, sessions[0]!.sessionId), agenda);
  return { deps, stores, directory, clock, finals, agreementId, sessions };
}

/** A complete record card for the 12 BIC 531 items: item 2 not applicable, one action for the supervisee. */
export function completeCard(overrides: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = { discussion: 'Workload and training.', decisions: 'Reduce the rota.', personalIssues: 'no', a0_text: 'Book the safeguarding course', a0_owner: 'supervisee', a0_due: '2026-12-15' };
  for (let i = 0; i < 12; i++) form[`si${i}_status`] = i === 1 ? 'not-applicable' : 'addressed';
  return { ...form, ...overrides };
}
