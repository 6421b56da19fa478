import { describe, expect, it } from 'vitest';
import { deadline } from './helpers.js';

describe('event deadlines (agreement signed)', () => {
  it('SE-D4 Sefton ¶2.5 (L59) / LE-D1 Leeds §B (L97): at the beginning of the relationship = the --from date', () => {
    expect(deadline('sefton', 'agreement-signed', '2025-01-06')).toMatchObject({ due: '2025-01-06', event: 'start-of-relationship', modality: 'should' });
    expect(deadline('leeds', 'agreement-signed', '2025-01-06')).toMatchObject({ due: '2025-01-06', event: 'start-of-relationship' });
  });
  it('CA-D3 Camden §6 (L86): at the first supervision meeting, which has no date yet', () => {
    expect(deadline('camden', 'agreement-signed', '2025-01-06')).toMatchObject({ due: null, event: 'first-supervision' });
  });
  it('K10 Sefton agreement review: 12 months, moved to the first working day on or after', () => {
    expect(deadline('sefton', 'agreement-review', '2025-03-01')).toMatchObject({ nominal: '2026-03-01', due: '2026-03-02' });
  });
  it('K2 CB §9 (L101): 5 Jan + 28 days is Sunday 2 Feb; the latest practicable day is Friday 31 Jan', () => {
    expect(deadline('central-bedfordshire', 'agreement-signed', '2025-01-05')).toMatchObject({ due: '2025-02-02', latestPracticable: '2025-01-31' });
  });
  it('K7 Sefton case records: next record by the end of the next calendar month; bimonthly exception one month later', () => {
    expect(deadline('sefton', 'case-discussion', '2025-01-31')).toMatchObject({ due: '2025-02-28' });
    expect(deadline('sefton', 'case-discussion', '2025-01-01', 'cwcn-review-hub')).toMatchObject({ due: '2025-03-31' });
    expect(deadline('sefton', 'case-discussion', '2025-03-15', 'care-experienced-team')).toMatchObject({ due: '2025-05-31', latestPracticable: '2025-05-30' });
  });
});
