import { expect } from 'vitest';
import { deadline, expectAppError, obligations, only, phases, requirement, type MustCase } from '../helpers.js';

const P = 'buckinghamshire';

export const buckinghamshireMust: MustCase[] = [
  { rule: 'BU-D1', source: 'BU Recording (L42)', title: 'case supervision recorded on the Supervision Case Note on LCS within 5 working days (K1)', check: () => {
    // Tue 23 Dec 2025: 24 (1), 25-26 bank holidays, 29 (2), 30 (3), 31 (4), 1 Jan bank holiday, 2 Jan (5).
    expect(deadline(P, 'record-shared', '2025-12-23')).toMatchObject({ due: '2026-01-02', modality: 'must', responsible: 'supervisor' });
    const list = only(obligations(P, { agreement: { role: 'social-worker', employmentStart: '2024-01-01', agreementDate: '2025-12-01' }, sessions: [{ date: '2025-12-23', status: 'held', kind: 'case', record: { sharedOn: '2026-01-05' } }] }, '2026-01-10'), 'record-shared');
    expect(list).toMatchObject([{ status: 'breached', due: '2026-01-02', metOn: '2026-01-05' }]);
  } },
  { rule: 'BU-D2', source: 'BU Recording (L40)', title: 'personal supervision recorded on the template, shared, stored in electronic folders', check: () => { requirement(P, 'BU-D2'); } },
  { rule: 'BU-F1', source: 'BU closing paragraph (L46)', title: 'no frequency is given: nothing borrowed, schedule refuses without local configuration', check: () => {
    expectAppError(() => phases(P, 'social-worker', '2025-01-06'), 'precondition_failed', /Buckinghamshire does not specify a supervision frequency/);
  } },
];
