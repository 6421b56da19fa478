import { describe, expect, it } from 'vitest';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { TURN_READS_AT_ONCE } from '../../../src/usecases/in-parallel.js';
import { EVERYTHING, supervisionOverview, type OverviewDeps, type OverviewReads } from '../../../src/usecases/overview/relationships.js';

/*
 * Issue 16 item 4 (turn latency): a manager's "my team" read each supervisee's next agenda, which
 * no answer shows a supervisor, and each person's sessions, records and actions in three reads.
 * An answer reads only what it shows, and a person's year is one read.
 */
const MANAGER = 'm';
const NOW = '2026-12-02T12:00:00Z';

function agreement(superviseeId: string): Agreement {
  return {
    id: `a-${superviseeId}`, status: 'booked', signatures: {}, comments: [], createdAt: NOW, updatedAt: NOW,
    terms: { policyId: 'sefton', roleId: 'social-worker', supervisorId: MANAGER, superviseeId, employmentStart: '2020-01-06', agreementDate: '2026-11-02', weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: 'Duty', othersWhoMaySee: [], reviewDate: '2027-11-02' },
    parties: { supervisorName: 'Olivia Marchbank', superviseeName: `Person ${superviseeId}` },
  } as Agreement;
}

const session = (agreementId: string, n: number, date: string): PlannedSession => ({
  sessionId: `${agreementId}-s0${n}`, agreementId, date, start: '10:00', minutes: 60, startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:00:00Z`, rule: 'SE-F1', status: 'booked',
});

/** Three supervisees, each with a session held and one to come; every read counted by kind. */
function world() {
  const agreements = ['p1', 'p2', 'p3'].map(agreement);
  const reads = { years: 0, agenda: 0 };
  const deps: OverviewDeps = {
    agreements: {
      agreementsOf: async (id) => agreements.filter((a) => a.terms.supervisorId === id || a.terms.superviseeId === id),
      // As the repository does: the parts not asked for are not fetched and come back empty.
      year: async (id, parts = ['sessions', 'records', 'actions']) => {
        reads.years++;
        return {
          sessions: parts.includes('sessions') ? [session(id, 1, '2026-11-10'), session(id, 2, '2026-12-08')] : [],
          records: [],
          actions: parts.includes('actions') ? [{ agreementId: id, actionId: `${id}-x`, text: 'Read the new duty rota', ownerId: MANAGER, due: '2026-11-30', status: 'open', history: [] } as never] : [],
        };
      },
    },
    records: {
      agenda: async (id, sessionId) => { reads.agenda++; return { agreementId: id, sessionId, items: [{ text: 'Workload' }] } as never; },
    },
    directory: { getPerson: async () => undefined },
    now: () => NOW,
  };
  return { deps, reads };
}

describe('the overview reads only what an answer shows (issue 16 item 4)', () => {
  it('a supervisor\'s relationships read no agenda, even when everything is asked for', async () => {
    const { deps, reads } = world();
    const o = await supervisionOverview(deps, MANAGER, EVERYTHING);
    expect(o.asSupervisor).toHaveLength(3);
    expect(o.asSupervisor[0]?.upcoming[0]?.session.date).toBe('2026-12-08');
    // One read per person for their sessions, records and actions together (it was three).
    expect(reads).toEqual({ years: 3, agenda: 0 });
  });

  it('the supervisee\'s next agenda is read, once, and counted', async () => {
    const { deps, reads } = world();
    const o = await supervisionOverview(deps, 'p2', EVERYTHING);
    expect(o.asSupervisee[0]?.upcoming[0]?.agendaItems).toBe(1);
    expect(reads.agenda).toBe(1);
  });

  it.each<[string, OverviewReads, number]>([
    ['"my team" (sessions and actions)', { sessions: true, actions: true, agenda: false }, 3],
    ['"my actions" (actions only)', { sessions: false, actions: true, agenda: false }, 3],
    ['"my sessions" (sessions only)', { sessions: true, actions: false, agenda: false }, 3],
    ['the welcome card\'s "who" alone', { sessions: false, actions: false, agenda: false }, 0],
  ])('%s reads one partition per person, and shows only what it asked for', async (_name, want, expected) => {
    const { deps, reads } = world();
    const o = await supervisionOverview(deps, MANAGER, want);
    expect(reads.years).toBe(expected);
    expect(reads.agenda).toBe(0);
    // What was read is there; what was not is empty.
    expect(o.asSupervisor.every((r) => r.openActions.length === (want.actions ? 1 : 0))).toBe(true);
    expect(o.asSupervisor.every((r) => r.overdueActions.length === (want.actions ? 1 : 0))).toBe(true);
    expect(o.asSupervisor.every((r) => r.upcoming.length === (want.sessions ? 1 : 0))).toBe(true);
  });

  it('a team of nine is read a few people at a time, so one manager\'s question does not queue everyone else\'s reads', async () => {
    const { deps } = world();
    const team = Array.from({ length: 9 }, (_, i) => agreement(`q${i}`));
    let inFlight = 0;
    let most = 0;
    const slow = async <T>(value: T): Promise<T> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return value;
    };
    const counted: OverviewDeps = {
      ...deps,
      agreements: { agreementsOf: async () => team, year: (id) => slow({ sessions: [session(id, 2, '2026-12-08')], records: [], actions: [] }) },
      records: { agenda: () => slow(undefined) },
    };
    const o = await supervisionOverview(counted, MANAGER, EVERYTHING);
    expect(o.asSupervisor).toHaveLength(9);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(TURN_READS_AT_ONCE);
  });
});
