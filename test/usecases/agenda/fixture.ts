/** Booked agreements with sessions in Azurite storage, and the agenda deps over them, for agenda tests. */
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import type { TrackedAction } from '../../../src/domain/records/schema.js';
import { actionKey, agreementKey, sessionKey } from '../../../src/repositories/tables.js';
import { repositoriesOn } from '../../support/repositories.js';
import { getPack } from '../../../src/policy/packs.js';
import type { AgendaConversationDeps } from '../../../src/conversation/agenda/deps.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';

export const people = {
  tm: { id: 'tm', displayName: 'Tariq Manager', jobTitle: 'Team Manager' },
  sw: { id: 'sw', displayName: 'Sam Worker', jobTitle: 'Social Worker' },
  nq: { id: 'nq', displayName: 'Nia Newly', jobTitle: 'Social Worker' },
  other: { id: 'other', displayName: 'Olu Other', jobTitle: 'Social Worker' },
};

export async function agendaFixture(connectionString: string, options: { now?: string } = {}) {
  const storage = createStorage(connectionString);
  const { repos, t } = repositoriesOn(storage);
  const { agreements, sessions, links, agendas, actions } = t;
  await storage.ensureCreated();
  const directory = new InMemoryDirectory().add(people.tm).add(people.sw, 'tm').add(people.nq, 'tm').add(people.other);
  const clock = { now: options.now ?? '2026-11-23T10:00:00Z' };
  let n = 0;
  const deps: AgendaConversationDeps = {
    agreements: repos.agreements, records: repos.records, directory,
    packFor: getPack,
    now: () => clock.now,
    newId: () => `id-${++n}-${Math.random().toString(36).slice(2, 8)}`,
  };

  /** A booked agreement with sessions on the given dates at 10:00 London (UTC in winter). */
  async function book(id: string, opts: { supervisee?: string; supervisor?: string; policyId?: string; dates: string[]; status?: Agreement['status'] }) {
    const superviseeId = opts.supervisee ?? 'sw';
    const supervisorId = opts.supervisor ?? 'tm';
    const agreement: Agreement = {
      id,
      terms: { policyId: opts.policyId ?? 'sefton', roleId: 'social-worker', supervisorId, superviseeId, employmentStart: '2020-01-06', agreementDate: '2026-11-01',
        weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: '2027-11-01' },
      status: opts.status ?? 'booked', signatures: {}, comments: [], createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z',
      parties: { supervisorName: directory === undefined ? '' : (await directory.getPerson(supervisorId))?.displayName ?? 'Boss', superviseeName: (await directory.getPerson(superviseeId))?.displayName ?? 'Worker' },
    };
    await agreements.create(agreementKey(id), agreement);
    await links.upsert({ partition: superviseeId, id }, { agreementId: id, party: 'supervisee', createdAt: agreement.createdAt });
    await links.upsert({ partition: supervisorId, id }, { agreementId: id, party: 'supervisor', createdAt: agreement.createdAt });
    const planned: PlannedSession[] = opts.dates.map((date, i) => ({
      sessionId: `${id}-s${String(i + 1).padStart(2, '0')}`, agreementId: id, date, start: '10:00', minutes: 90,
      startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:30:00Z`, rule: 'SE-F1', status: 'booked',
    }));
    for (const s of planned) await sessions.create(sessionKey(id, s.sessionId), s);
    return { agreement, sessions: planned };
  }

  async function action(agreementId: string, actionId: string, fromSessionId: string, text: string, status: TrackedAction['status'] = 'open') {
    const a: TrackedAction = { actionId, agreementId, fromSessionId, text, ownerId: 'sw', ownerName: 'Sam Worker', due: '2026-11-30', status, updatedAt: '2026-11-10T10:00:00Z', notes: [] };
    await actions.create(actionKey(agreementId, actionId), a);
    return a;
  }

  return { deps, storage, clock, book, action, agendas, actions, sessions, agreements };
}
