import { describe, expect, it } from 'vitest';
import { addAgendaItem, agendaView, upcomingFor, upcomingSessions } from '../../../src/usecases/agenda/agenda.js';
import type { AgendaDeps } from '../../../src/usecases/agenda/deps.js';
import { savePreparation } from '../../../src/usecases/agenda/preparation.js';
import { useAzurite } from '../../support/azurite.js';
import { agendaFixture } from './fixture.js';

/*
 * Issue 16 item 4 (turn latency): the agenda card, its add and the preparation card read the
 * agreement's sessions and then, apart, its tracked actions — the same partition twice. The
 * actions now come with the sessions in one query; these count the calls each makes.
 */
const azurite = useAzurite();

/** The deps with every call to the agreement and record repositories counted by method name. */
function counted(deps: AgendaDeps): { deps: AgendaDeps; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = <T extends object>(target: T, prefix: string): T => new Proxy(target, {
    get(t, p, r) {
      const v: unknown = Reflect.get(t, p, r);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const name = `${prefix}.${String(p)}`;
        calls[name] = (calls[name] ?? 0) + 1;
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  return { deps: { ...deps, agreements: count(deps.agreements, 'agreements'), records: count(deps.records, 'records') }, calls };
}

const partitionReads = (calls: Record<string, number>) => (calls['agreements.year'] ?? 0) + (calls['agreements.sessions'] ?? 0) + (calls['records.actions'] ?? 0);

describe('the agenda reads an agreement\'s sessions and actions in one query (issue 16 item 4)', () => {
  it('"agenda": the session and the carried open actions from one read, the agenda apart', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('r1', { dates: ['2026-11-17', '2026-12-01'] });
    await f.action('r1', 'act1', 'r1-s01', 'Read the court bundle');
    await f.action('r1', 'act2', 'r1-s01', 'Book the training', 'done');
    const { deps, calls } = counted(f.deps);
    const [u] = await upcomingSessions(deps, 'sw');
    if (!u) throw new Error('no upcoming session');
    const view = await agendaView(deps, u);
    expect(view.carried.map((a) => a.actionId)).toEqual(['act1']);
    expect(partitionReads(calls)).toBe(1);
    expect(calls['records.agenda']).toBe(1);
  });

  it('adding an item reads the partition once and shows the actions carried over', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('r2', { dates: ['2026-11-17', '2026-12-01'] });
    await f.action('r2', 'act1', 'r2-s01', 'Read the court bundle');
    const { deps, calls } = counted(f.deps);
    const added = await addAgendaItem(deps, 'sw', { agreementId: 'r2' }, { itemId: 'i1', kind: 'topic', text: 'Workload' });
    const view = await agendaView(deps, added.upcoming, { agenda: added.agenda });
    expect(view.items.map((i) => i.item.text)).toEqual(['Workload']);
    expect(view.carried.map((a) => a.actionId)).toEqual(['act1']);
    expect(partitionReads(calls)).toBe(1);
  });

  it('saving the preparation checks the actions against the same read, and refuses one not on the agreement', async () => {
    const f = await agendaFixture(azurite.connectionString);
    await f.book('r3', { dates: ['2026-11-17', '2026-12-01'] });
    await f.action('r3', 'act1', 'r3-s01', 'Read the court bundle');
    const { deps, calls } = counted(f.deps);
    const u = await upcomingFor(deps, 'sw', 'r3', 'r3-s02');
    const saved = await savePreparation(deps, 'sw', { agreementId: 'r3', sessionId: 'r3-s02', answers: { p1: 'A hard week' }, actionUpdates: [] }, u);
    expect(saved.actions.map((a) => a.actionId)).toEqual(['act1']);
    expect(partitionReads(calls)).toBe(1);
    await expect(savePreparation(deps, 'sw', { agreementId: 'r3', sessionId: 'r3-s02', answers: {}, actionUpdates: [{ actionId: 'elsewhere', status: 'done' }] }, u)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
