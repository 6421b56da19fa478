import { describe, expect, it } from 'vitest';
import { computeObligations } from '../../../src/domain/obligations/index.js';
import { caseDiscussionsOf, casesOf } from '../../../src/domain/obligations/case-discussions.js';
import { historyOf } from '../../../src/domain/obligations/history-of.js';
import type { RecordContent, SessionRecord } from '../../../src/domain/records/schema.js';
import { getPack } from '../../../src/policy/packs.js';
import { agreementOf, recordOf, type AgreementSpec } from '../../jobs/sweep/support.js';

type Item = RecordContent['agendaItems'][number];

const camden: AgreementSpec = { id: 'cd1', policyId: 'camden', roleId: 'social-worker', supervisorId: 'tm', superviseeId: 'sw', agreementDate: '2026-01-05', sessions: [] };
const sefton: AgreementSpec = { ...camden, id: 'cd2', policyId: 'sefton' };

/** A shared record of a session whose agenda held these items. */
function shared(spec: AgreementSpec, date: string, items: Item[]): SessionRecord {
  const r = recordOf(spec, `${spec.id}-${date}`, date, { sharedOn: date });
  return { ...r, versions: r.versions.map((v) => ({ ...v, content: { ...v.content, agendaItems: items } })) };
}

const caseItem = (caseRef: string, category: string | undefined, discussed: boolean): Item => ({ text: 'Case update', caseRef, ...(category ? { category } : {}), discussed });

const ofCase = (spec: AgreementSpec, records: SessionRecord[], at: string, caseRef: string, kind = 'case-discussion') =>
  computeObligations(getPack(spec.policyId), historyOf(agreementOf(spec), [], records), at).filter((o) => o.kind === kind && o.subject.startsWith(`case-${caseRef}/`));

describe('case discussions from the record card (issue 14 item 2)', () => {
  it('a case item with its category on a shared record is a case; discussed ones are its discussions; drafts, sessions not held and items without a category are not', () => {
    const draft = { ...shared(camden, '2026-01-20', [caseItem('LCS-9', 'cin', true)]), versions: [], status: 'draft' as const };
    const notHeld = { ...shared(camden, '2026-01-27', [caseItem('LCS-9', 'cin', true)]), status: 'not-held' as const };
    const records = [
      shared(camden, '2026-02-10', [caseItem('LCS-1', 'child-protection', true), caseItem('LCS-2', 'cin', false)]),
      shared(camden, '2026-01-13', [caseItem('LCS-1', 'child-protection', true), caseItem('LCS-3', undefined, true), { text: 'Training' }]),
      draft, notHeld,
    ];
    expect(caseDiscussionsOf(records).map((d) => `${d.on} ${d.caseRef} ${d.discussed}`)).toEqual(['2026-01-13 LCS-1 true', '2026-02-10 LCS-1 true', '2026-02-10 LCS-2 false']);
    expect(casesOf(records)).toEqual([
      { id: 'LCS-1', category: 'child-protection', allocatedOn: '2026-01-13', discussions: ['2026-01-13', '2026-02-10'] },
      { id: 'LCS-2', category: 'cin', allocatedOn: '2026-02-10', discussions: [] },
    ]);
  });

  it('a case whose category changes (a child in need becomes subject to a plan) is judged by the latest category', () => {
    const records = [shared(camden, '2026-01-13', [caseItem('LCS-1', 'cin', true)]), shared(camden, '2026-02-10', [caseItem('LCS-1', 'child-protection', true)])];
    expect(casesOf(records)).toEqual([{ id: 'LCS-1', category: 'child-protection', allocatedOn: '2026-01-13', discussions: ['2026-01-13', '2026-02-10'] }]);
  });

  it('Camden §6 (L122-L128) CA-D4: a child protection case is discussed every month, a child in need every two; the sweep\'s history carries them', () => {
    const records = [
      shared(camden, '2026-01-13', [caseItem('LCS-1', 'child-protection', true), caseItem('LCS-2', 'cin', true)]),
      shared(camden, '2026-02-10', [caseItem('LCS-1', 'child-protection', true), caseItem('LCS-2', 'cin', false)]),
    ];
    const cp = ofCase(camden, records, '2026-04-01', 'LCS-1');
    // Discussed on 13 January, so the next was due within a month: met on 10 February; the one
    // after that, due in March, was never recorded.
    expect(cp[0]).toMatchObject({ subject: 'case-LCS-1/after-2026-01-13', metOn: '2026-02-10', status: 'met' });
    expect(cp[1]).toMatchObject({ subject: 'case-LCS-1/after-2026-02-10', modality: 'must' });
    expect(cp[1]?.metOn).toBeUndefined();
    expect(cp[1]?.due?.startsWith('2026-03')).toBe(true);
    expect(['overdue', 'breached']).toContain(cp[1]?.status);
    // On the agenda on 10 February but not discussed: the two months from 13 January still run.
    const cin = ofCase(camden, records, '2026-03-01', 'LCS-2');
    expect(cin).toHaveLength(1);
    expect(cin[0]).toMatchObject({ subject: 'case-LCS-2/after-2026-01-13', status: 'due' });
    expect(cin[0]?.due?.startsWith('2026-03')).toBe(true);
    // Discussing it again in the next session meets it.
    const met = ofCase(camden, [...records, shared(camden, '2026-03-02', [caseItem('LCS-2', 'cin', true)])], '2026-03-05', 'LCS-2');
    expect(met[0]).toMatchObject({ metOn: '2026-03-02', status: 'met' });
  });

  it('a case marked closed or transferred stops falling due; back on a later agenda, it runs again', () => {
    const closed = { ...caseItem('LCS-1', 'child-protection', true), closed: true };
    const records = [shared(camden, '2026-01-13', [caseItem('LCS-1', 'child-protection', true)]), shared(camden, '2026-02-10', [closed])];
    expect(casesOf(records)).toEqual([{ id: 'LCS-1', category: 'child-protection', allocatedOn: '2026-01-13', discussions: ['2026-01-13', '2026-02-10'], closedOn: '2026-02-10' }]);
    // Camden §6 (L122-L128): nothing more is due for it after the closing session.
    const after = ofCase(camden, records, '2026-06-01', 'LCS-1');
    expect(after.every((o) => o.status === 'met')).toBe(true);
    // The same records without the closing: March's discussion is missed.
    const open = ofCase(camden, [records[0]!, shared(camden, '2026-02-10', [caseItem('LCS-1', 'child-protection', true)])], '2026-06-01', 'LCS-1');
    expect(open.some((o) => o.status !== 'met')).toBe(true);
    const reopened = casesOf([...records, shared(camden, '2026-04-14', [caseItem('LCS-1', 'child-protection', true)])]);
    expect(reopened[0]?.closedOn).toBeUndefined();
  });

  it('Sefton ¶7.1 (L235-L238) SE-D12: a child\'s case has a case record every calendar month; a month with no discussion is missed', () => {
    const records = [
      shared(sefton, '2026-01-13', [caseItem('PRN-7', 'child', true)]),
      shared(sefton, '2026-02-10', [caseItem('PRN-7', 'child', false)]),
      shared(sefton, '2026-03-10', [caseItem('PRN-7', 'child', true)]),
    ];
    const monthly = ofCase(sefton, records, '2026-03-31', 'PRN-7', 'case-record-monthly');
    expect(monthly.map((o) => `${o.subject} ${o.metOn ?? '-'}`)).toEqual(['case-PRN-7/2026-01 2026-01-13', 'case-PRN-7/2026-02 -', 'case-PRN-7/2026-03 2026-03-10']);
    expect(monthly[1]?.status).not.toBe('met');
  });
});
