import { describe, expect, it } from 'vitest';
import { applyOffset } from '../../src/policy/resolve-phases.js';
import { phases, phaseShape } from './helpers.js';

describe('resolvePhases', () => {
  it.each([
    ['2025-10-30', [{ unit: 'months', n: 4 }], '2026-02-28'],
    ['2025-03-31', [{ unit: 'months', n: 6 }], '2025-09-30'],
    ['2024-02-29', [{ unit: 'months', n: 12 }], '2025-02-28'],
    ['2025-01-06', [{ unit: 'weeks', n: 6 }, { unit: 'months', n: 6 }], '2025-08-17'],
    ['2025-12-31', [{ unit: 'weeks', n: 6 }, { unit: 'months', n: 6 }], '2026-08-11'],
  ] as const)('K3 offsets: %s + %j = %s', (d, steps, out) => {
    expect(applyOffset(d, steps)).toBe(out);
  });
  it('drops phases that ended before the agreement and keeps the real start of the current one (K5 anchor)', () => {
    expect(phaseShape(phases('sefton', 'nqsw', '2025-01-06', '2025-03-03'))).toEqual([
      ['fortnightly', '2025-02-17', '2025-08-17', 'per 14 days+gap 56d'],
      ['monthly', '2025-08-17', '2027-03-03', 'per 1 months+gap 56d'],
    ]);
  });
  it('drops phases that start after the agreement year', () => {
    expect(phaseShape(phases('camden', 'nqsw', '2025-01-06', '2025-01-06', '2026-02-01')).map((p) => p[0])).toEqual(['weekly', 'fortnightly', 'fortnightly-until-review']);
  });
});

describe('progress review flag (CA-F3)', () => {
  it('a recorded review without a date counts from 6 months of employment', async () => {
    const { resolvePhases } = await import('../../src/policy/resolve-phases.js');
    const { getPack } = await import('../../src/policy/packs.js');
    const r = resolvePhases(getPack('camden'), 'nqsw', { employmentStart: '2025-01-06', agreementDate: '2025-01-06', progressReviewRecorded: true });
    expect(phaseShape(r.phases).slice(2)).toEqual([['monthly-after-review', '2025-07-06', '2027-01-06', 'per 1 months']]);
  });
});
