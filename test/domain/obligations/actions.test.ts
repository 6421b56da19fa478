import { describe, expect, it } from 'vitest';
import { computeObligations, type HistoryInput } from '../../../src/domain/obligations/index.js';
import { getPack } from '../../../src/policy/packs.js';

const base: HistoryInput = {
  agreement: { role: 'social-worker', employmentStart: '2020-01-06', agreementDate: '2026-01-05', supervisor: 'tm', supervisee: 'sw', signed: { supervisor: '2026-01-05', supervisee: '2026-01-05' } },
  sessions: [{ date: '2026-01-13', status: 'held', record: { sharedOn: '2026-01-14', signedBySupervisor: '2026-01-14', signedBySupervisee: '2026-01-14' } }],
};

describe("tracked actions are their owner's obligations (Sefton App 3 (L662) \"SMART with clear timescales\")", () => {
  const pack = getPack('sefton');
  const actions = (at: string, list: HistoryInput['actions']) => computeObligations(pack, { ...base, actions: list }, at).filter((o) => o.kind === 'action-overdue');

  it('an open action past its date is overdue, owned by the named person, citing the pack actions requirement', () => {
    const [o, ...rest] = actions('2026-02-10', [{ id: 'a1', ownerId: 'sw', text: 'Read the guidance', due: '2026-02-06' }, { id: 'a2', ownerId: 'tm', due: '2026-03-01' }]);
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ id: 'action-overdue:action-a1:2026-02-06', status: 'overdue', responsible: 'supervisee', responsiblePersonId: 'sw', severity: 'warning' });
    expect(o?.rule).toContain('L662');
    expect(o?.detail).toContain('Read the guidance');
  });

  it('done on time is met, done late is late, dropped settles it; a third person owns their own action', () => {
    const list = actions('2026-03-10', [
      { id: 'b1', ownerId: 'tm', due: '2026-02-06', closedOn: '2026-02-05', outcome: 'done' },
      { id: 'b2', ownerId: 'sw', due: '2026-02-06', closedOn: '2026-02-20', outcome: 'done' },
      { id: 'b3', ownerId: 'other', due: '2026-02-06' },
    ]);
    expect(list.map((o) => `${o.subject} ${o.status} ${o.responsiblePersonId} ${o.metOn ?? '-'}`)).toEqual([
      'action-b1 met tm 2026-02-05', 'action-b2 overdue sw 2026-02-20', 'action-b3 overdue other -',
    ]);
  });
});
