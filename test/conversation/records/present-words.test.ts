import { describe, expect, it } from 'vitest';
import { recordEditCard } from '../../../src/conversation/records/present.js';
import type { Agreement } from '../../../src/domain/agreements/types.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import type { SessionRecord } from '../../../src/domain/records/schema.js';
import { recordShareDeadline, staffSessionTemplate } from '../../../src/domain/records/template.js';
import { applyCouncilConfig } from '../../../src/policy/council-config.js';
import { getPack } from '../../../src/policy/packs.js';
import type { PolicyPack } from '../../../src/policy/schema.js';
import type { RecordSetup } from '../../../src/usecases/records/record-context.js';

/*
 * Issue 15 item 3: the record card's sharing line cites the rule as people read it. Where the
 * council set the deadline itself (K13, local configuration) the policy has no words to quote;
 * the card then said the rule id ("SE-D1 Sefton local configuration …"), and now says it is the
 * council's own setting.
 */
const record = {
  agreementId: 'a', sessionId: 'a-s01', sessionDate: '2026-12-08', policyId: 'sefton', templateId: 't', status: 'draft',
  supervisor: { id: '11111111-1111-4111-8111-111111111111', name: 'Olivia Marchbank' },
  supervisee: { id: '22222222-2222-4222-8222-222222222222', name: 'Amara Fellgate' },
  versions: [], history: [], createdAt: '2026-12-08T11:30:00Z', updatedAt: '2026-12-08T11:30:00Z',
} as unknown as SessionRecord;

function setupFor(pack: PolicyPack): RecordSetup {
  return {
    agreement: { id: 'a', terms: { roleId: 'social-worker' } } as unknown as Agreement,
    pack,
    template: staffSessionTemplate(pack),
    standingItems: [],
    agendaItems: [],
    agendaLines: [],
    shareDeadline: recordShareDeadline(pack, createWorkingCalendar({ nation: pack.nation }), record.sessionDate),
    caseCategories: [],
  };
}

function introOf(pack: PolicyPack): string {
  const card = JSON.stringify(recordEditCard(record, setupFor(pack), {}, { actionIds: ['a-s01-a1'] }));
  return /Share it by [^"]*|Your policy sets no day limit[^"]*/.exec(card)?.[0] ?? card.slice(0, 400);
}

describe('the record card cites the sharing rule in words (issue 15 item 3)', () => {
  it("a council's own deadline: \"your council's own setting\", never the rule id or its line", () => {
    const local = applyCouncilConfig(getPack('sefton'), {
      policy: 'sefton',
      values: [{ path: 'deadlines.recordShared', value: { workingDays: 3, record: 'welfare-supervision-record', by: 'supervisor', kinds: ['personal', 'reflective'] }, modality: 'must', reference: 'Practice standards 2026', overridePolicy: true }],
    });
    const intro = introOf(local);
    expect(intro).toBe("Share it by Friday 11 December 2026 (your council's own setting).");
  });

  it("the policy's deadline: its paragraph", () => {
    expect(introOf(getPack('sefton'))).toMatch(/^Share it by Tuesday 15 December 2026 \(Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 6\.2/);
  });

  it('no pack or council setting puts a rule id, a line or an ISO date on it', () => {
    for (const id of ['sefton', 'leeds', 'camden', 'central-bedfordshire', 'buckinghamshire']) {
      expect(introOf(getPack(id))).not.toMatch(/\b[A-Z]{2}-[A-Z]{1,2}\d+\b|\bL\d{1,4}\b|\d{4}-\d{2}-\d{2}/);
    }
  });
});
