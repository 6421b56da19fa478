import { describe, expect, it } from 'vitest';
import { caseCategoriesOf } from '../../../src/domain/records/case-categories.js';
import { actionSlotIds, contentAsForm, draftFields, readRecordForm, type RecordFormContext } from '../../../src/domain/records/form.js';
import { standingItemsFor } from '../../../src/domain/records/template.js';
import { getPack } from '../../../src/policy/packs.js';

const camden = getPack('camden');
const standingItems = standingItemsFor(camden, 'social-worker');
const ctx: RecordFormContext = {
  standingItems,
  supervisor: { id: 'tm', name: 'Tariq Manager' },
  supervisee: { id: 'sw', name: 'Sam Worker' },
  actionIds: actionSlotIds('a1-s01', []),
  agendaItems: [{ text: 'Court next week', caseRef: 'LCS-123' }, { text: 'Training' }, { text: 'Placement', caseRef: 'LCS-456' }],
  caseCategories: caseCategoriesOf(camden).map((c) => c.id),
};

function card(extra: Record<string, string>): Record<string, string> {
  const form: Record<string, string> = { discussion: 'Cases and training.', personalIssues: 'no', ...extra };
  standingItems.forEach((_, i) => { form[`si${i}_status`] = 'addressed'; });
  return form;
}

describe('the record card\'s case items (issue 14 item 2)', () => {
  it('Camden §6 (L122-L128): the categories offered are the policy\'s own; Sefton ¶7.1 (L235-L238): a child and the bimonthly exceptions; a policy with neither: the plain four', () => {
    expect(caseCategoriesOf(camden).map((c) => c.label)).toEqual(['Child protection', 'Child in need', 'Child looked after', '18+ care leaver']);
    const sefton = caseCategoriesOf(getPack('sefton')).map((c) => c.id);
    expect(sefton[0]).toBe('child');
    expect(sefton).toContain('care-experienced-team');
    expect(caseCategoriesOf(getPack('leeds')).map((c) => c.label)).toEqual(['Child protection', 'Child in need', 'Child looked after', 'Care leaver']);
  });

  it('each case item keeps its category and whether it was discussed; other items are unchanged', () => {
    const r = readRecordForm(card({ c0_category: 'child-protection', c0_discussed: 'true', c2_category: 'cla', c2_discussed: 'false', c2_closed: 'true' }), ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.content.agendaItems).toEqual([
      { text: 'Court next week', caseRef: 'LCS-123', category: 'child-protection', discussed: true },
      { text: 'Training' },
      { text: 'Placement', caseRef: 'LCS-456', category: 'cla', discussed: false, closed: true },
    ]);
    // Amending: the card comes back with the same answers.
    const back = contentAsForm(r.content, standingItems, { supervisorId: 'tm' });
    expect(back).toMatchObject({ c0_category: 'child-protection', c0_discussed: 'true', c2_category: 'cla', c2_discussed: 'false', c2_closed: 'true' });
    expect(back['c0_closed']).toBeUndefined();
    expect(back['c1_category']).toBeUndefined();
    // A draft keeps them.
    expect(draftFields({ c0_category: 'cin', c0_discussed: 'true', agreementId: 'x' }, standingItems.length)).toEqual({ c0_category: 'cin', c0_discussed: 'true' });
  });

  it('a discussed case needs its category, and a category must be one the policy names: refused on its own field in plain words', () => {
    const r = readRecordForm(card({ c0_discussed: 'true', c2_category: 'very-urgent' }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      c0_category: 'Choose the category of this case, so its next discussion is known.',
      c2_category: 'Choose one of the case categories listed.',
    });
  });
});
