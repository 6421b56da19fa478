import { expect } from 'vitest';
import { getPack } from '../../../src/policy/packs.js';
import { obligations, only, phases, phaseShape, requirement, type MustCase } from '../helpers.js';

const P = 'leeds';

export const leedsMust: MustCase[] = [
  { rule: 'LE-F4', source: 'LE App 2 (L180)', title: 'the supervisor will meet the supervisee a minimum of every four weeks (28-day gap)', check: () => {
    expect(phaseShape(phases(P, 'school-cluster-staff', '2025-01-06'))).toEqual([['four-weekly', '2025-01-06', '2027-01-06', 'gap 28d']]);
    const role = getPack(P).roles[0];
    expect(role?.phases[0]?.frequency).toMatchObject({ modality: 'must', rule: 'LE-F4' });
    const list = only(obligations(P, { agreement: { role: 'school-cluster-staff', employmentStart: '2025-01-06', agreementDate: '2025-01-06' }, sessions: [{ date: '2025-01-06', status: 'held' }, { date: '2025-02-04', status: 'held' }] }, '2025-02-20'), 'session-frequency');
    expect(list.map((o) => [o.subject, o.due, o.status])).toEqual([
      ['four-weekly/after-2025-01-06', '2025-02-03', 'breached'],
      ['four-weekly/first-from-2025-01-06', '2025-02-03', 'met'],
      ['four-weekly/after-2025-02-04', '2025-03-04', 'due'],
    ]);
  } },
  { rule: 'LE-D3', source: 'LE App 2 (L171)', title: 'agreed action points identified in the record and reviewed each session', check: () => { requirement(P, 'LE-D3'); } },
];
