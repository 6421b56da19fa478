import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { getPack } from '../../../src/policy/packs.js';
import type { AgreementDeps, AgreementLink } from '../../../src/usecases/agreements/deps.js';
import { AgreementRepository, sessionKey } from '../../../src/repositories/agreements.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';
import { MemoryStore } from './memory-store.js';

export const people = {
  dir: { id: 'dir', displayName: 'Dana Director', jobTitle: "Director of Children's Services" },
  sm: { id: 'sm', displayName: 'Sasha Senior', jobTitle: 'Service Manager' },
  tm: { id: 'tm', displayName: 'Tariq Manager', jobTitle: 'Team Manager', mail: 'tm@x.example' },
  sw: { id: 'sw', displayName: 'Sam Worker', jobTitle: 'Social Worker', hireDate: '2024-05-01', mail: 'sw@x.example' },
  nq: { id: 'nq', displayName: 'Nia Newly', jobTitle: 'Newly Qualified Social Worker (ASYE)', hireDate: '2026-10-05' },
  other: { id: 'other', displayName: 'Olu Other', jobTitle: 'Social Worker' },
  tm2: { id: 'tm2', displayName: 'Tess Manager', jobTitle: 'Team Manager' },
};

export function harness(options: { today?: string; now?: string } = {}) {
  const directory = new InMemoryDirectory()
    .add(people.dir)
    .add(people.sm, 'dir')
    .add(people.tm, 'sm')
    .add(people.tm2, 'sm')
    .add(people.sw, 'tm')
    .add(people.nq, 'tm')
    .add(people.other, 'tm2');
  const agreements = new MemoryStore<Agreement>();
  const links = new MemoryStore<AgreementLink>();
  const sessionRows = new MemoryStore<PlannedSession>();
  /** An agreement's sessions, set up at once. */
  const sessions = {
    set(agreementId: string, list: readonly PlannedSession[]): void {
      for (const s of list) sessionRows.seed(sessionKey(agreementId, s.sessionId), s);
    },
  };
  const queued: string[] = [];
  let failEnqueue = false;
  let tick = 0;
  const deps: AgreementDeps = {
    agreements: new AgreementRepository({ agreements, sessions: sessionRows, links }),
    directory,
    pack: getPack('sefton'),
    // Each call a second later, so ordering by time is observable.
    now: () => new Date(Date.parse(options.now ?? '2026-11-23T10:00:00Z') + 1000 * tick++).toISOString(),
    today: () => options.today ?? '2026-11-23',
    enqueueBooking: async (id) => {
      if (failEnqueue) throw new Error('queue unavailable');
      queued.push(id);
    },
  };
  return {
    deps,
    directory,
    agreements,
    links,
    sessions,
    queued,
    failEnqueue(v: boolean) {
      failEnqueue = v;
    },
  };
}

export const validForm = {
  agreementId: 'a0000000-0000-4000-8000-000000000001',
  superviseeId: 'sw',
  rolePhase: '',
  employmentStart: '',
  agreementDate: '2026-12-01',
  weekday: '2',
  time: '10:00',
  minutes: '90',
  format: 'teams' as const,
  location: '',
  keyTasks: 'Assessments',
  othersWhoMaySee: '',
  seniorManagerId: 'sm',
  reviewDate: '2027-12-01',
};
