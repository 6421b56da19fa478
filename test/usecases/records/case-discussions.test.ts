import { describe, expect, it } from 'vitest';
import { historyOf } from '../../../src/domain/obligations/history-of.js';
import { computeObligations } from '../../../src/domain/obligations/index.js';
import { actionSlotIds } from '../../../src/domain/records/form.js';
import { standingItemsFor } from '../../../src/domain/records/template.js';
import { getPack } from '../../../src/policy/packs.js';
import { openRecordForSession } from '../../../src/usecases/records/open-record.js';
import { shareRecord } from '../../../src/usecases/records/share-record.js';
import { useAzurite } from '../../support/azurite.js';
import { bookedAgreement, people } from './fixture.js';

const azurite = useAzurite();
const tm = { id: people.supervisor.id, name: people.supervisor.displayName };

describe('a case discussed in a session is stored with its record and feeds the case cadence (issue 14 item 2)', () => {
  it('Camden §6 (L122-L128) CA-D4: the record card marks case LCS-12345 a child protection case, discussed; the stored record gives the sweep\'s history the case, and its next discussion falls due a month on', async () => {
    const f = await bookedAgreement(azurite.connectionString, { policyId: 'camden', roleId: 'social-worker' });
    const s1 = f.sessions[0]!;
    await openRecordForSession(f.deps, f.agreementId, s1.sessionId);
    const fields: Record<string, string> = { discussion: 'Court plan for the child.', personalIssues: 'no' };
    standingItemsFor(getPack('camden'), 'social-worker').forEach((_, i) => { fields[`si${i}_status`] = 'addressed'; });
    const ref = { agreementId: f.agreementId, sessionId: s1.sessionId, basedOn: 0, actionIds: actionSlotIds(s1.sessionId, []) };

    // Discussed but no category: refused on the case's own field, nothing shared.
    const refused = await shareRecord(f.deps, tm, { ...ref, fields: { ...fields, c0_discussed: 'true' } });
    expect(refused.kind === 'invalid' && refused.errors).toEqual({ c0_category: 'Choose the category of this case, so its next discussion is known.' });

    const shared = await shareRecord(f.deps, tm, { ...ref, fields: { ...fields, c0_category: 'child-protection', c0_discussed: 'true' } });
    expect(shared.kind).toBe('shared');

    // What the sweep reads (run-sweep.ts): the agreement, its sessions and its records, from the repositories.
    const [agreement, sessions, records] = await Promise.all([f.deps.agreements.require(f.agreementId), f.deps.agreements.sessions(f.agreementId), f.deps.records.list(f.agreementId)]);
    expect(records.find((r) => r.sessionId === s1.sessionId)?.versions[0]?.content.agendaItems).toEqual([{ text: 'Case review', caseRef: 'LCS-12345', category: 'child-protection', discussed: true }]);
    const history = historyOf(agreement, sessions, records);
    expect(history.cases).toEqual([{ id: 'LCS-12345', category: 'child-protection', allocatedOn: '2026-12-01', discussions: ['2026-12-01'] }]);
    const due = computeObligations(getPack('camden'), history, '2027-01-20').filter((o) => o.kind === 'case-discussion');
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ subject: 'case-LCS-12345/after-2026-12-01', modality: 'must' });
    expect(due[0]?.due?.startsWith('2027-01')).toBe(true);
    expect(due[0]?.status).not.toBe('met');
  });
});
