import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionSlotIds, contentAsForm, draftFields, readRecordForm, validateRecordContent, type RecordFormContext } from '../../../src/domain/records/form.js';
import { standingItemsFor } from '../../../src/domain/records/template.js';
import { getPack } from '../../../src/policy/packs.js';

const standingItems = standingItemsFor(getPack('central-bedfordshire'), 'admin-domestic');
const ctx: RecordFormContext = {
  standingItems,
  supervisor: { id: 'tm', name: 'Tariq Manager' },
  supervisee: { id: 'sw', name: 'Sam Worker' },
  actionIds: actionSlotIds('a1-s01', []),
  agendaItems: [{ text: 'Case review', caseRef: 'LCS-123' }],
};

function completeForm(): Record<string, string> {
  const form: Record<string, string> = { discussion: 'Caseload and training.', personalIssues: 'no' };
  standingItems.forEach((_, i) => { form[`si${i}_status`] = i % 2 ? 'not-applicable' : 'addressed'; });
  return form;
}

describe('reading the record card (per-field messages)', () => {
  it('a complete card becomes RecordContent with every standing item, in order', () => {
    const r = readRecordForm({ ...completeForm(), a0_text: 'Book training', a0_owner: 'supervisee', a0_due: '2026-12-15', nextMeetingDate: '2027-01-05' }, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.content.standingItems.map((s) => s.text)).toEqual(standingItems.map((s) => s.text));
    expect(r.content.standingItems[1]?.status).toBe('not-applicable');
    expect(r.content.actions).toEqual([{ actionId: 'a1-s01-a1', text: 'Book training', ownerId: 'sw', ownerName: 'Sam Worker', due: '2026-12-15' }]);
    expect(r.content.personalIssuesDiscussed).toBe(false);
    expect(r.content.nextMeetingDate).toBe('2027-01-05');
    expect(r.content.agendaItems).toEqual([{ text: 'Case review', caseRef: 'LCS-123' }]);
  });

  it('a role with two agendas (Sefton App 1 meeting content + App 3 welfare questions): each item says which list it is on, since their numbers restart', () => {
    const items = standingItemsFor(getPack('sefton'), 'social-worker');
    const form: Record<string, string> = { discussion: 'Welfare first.', personalIssues: 'no' };
    items.forEach((_, i) => { form[`si${i}_status`] = 'addressed'; });
    const r = readRecordForm(form, { ...ctx, standingItems: items, agendaItems: [] });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const sections = new Set(r.content.standingItems.map((s) => s.section));
    expect(sections.size).toBe(2);
    expect(sections.has(undefined)).toBe(false);
    // One agenda only (Central Bedfordshire admin staff): no section, as before.
    const single = readRecordForm({ ...completeForm() }, ctx);
    expect(single.ok && single.content.standingItems.every((s) => s.section === undefined)).toBe(true);
  });

  it('Central Bedfordshire §12 (L126): a standing item with no status is refused on its own field', () => {
    const form = completeForm();
    delete form['si3_status'];
    const r = readRecordForm(form, ctx);
    expect(r).toEqual({ ok: false, errors: { si3_status: 'Mark this item as addressed or not applicable.' } });
  });

  it('a made-up status is refused like a missing one', () => {
    const r = readRecordForm({ ...completeForm(), si0_status: 'skipped' }, ctx);
    expect(r.ok ? {} : r.errors).toHaveProperty('si0_status');
  });

  it('Sefton App 3 (L662): an action without an owner or a due date is refused, each on its field', () => {
    const r = readRecordForm({ ...completeForm(), a1_text: 'Read the policy' }, ctx);
    expect(r.ok ? {} : r.errors).toEqual({ a1_owner: 'Choose who owns this action.', a1_due: 'Give the date this action is due.' });
  });

  it('an owner who is neither party, or a due date that is not a date, is refused', () => {
    const r = readRecordForm({ ...completeForm(), a0_text: 'x', a0_owner: 'someone-else', a0_due: '31/02/2027' }, ctx);
    expect(Object.keys(r.ok ? {} : r.errors).sort()).toEqual(['a0_due', 'a0_owner']);
    expect(r.ok ? '' : r.errors['a0_due']).toBe('"31/02/2027" is not a date. Write it day first, for example 15 December 2026 or 15/12/2026.');
    const next = readRecordForm({ ...completeForm(), nextMeetingDate: 'next Tuesday' }, ctx);
    expect(next.ok ? {} : next.errors).toEqual({ nextMeetingDate: '"next Tuesday" is not a date. Write it day first, for example 15 December 2026 or 15/12/2026.' });
  });

  it('issue 15 item 5: dates are typed the British way (day first) on the card and stored ISO; the ISO a date picker sent is still read', () => {
    for (const [typed, stored] of [['15/12/2026', '2026-12-15'], ['Tuesday 15 December 2026', '2026-12-15'], ['5.1.27', '2027-01-05'], ['2026-12-15', '2026-12-15']] as const) {
      const r = readRecordForm({ ...completeForm(), a0_text: 'x', a0_owner: 'supervisor', a0_due: typed, nextMeetingDate: typed }, ctx);
      expect(r.ok && r.content.actions[0]?.due, typed).toBe(stored);
      expect(r.ok && r.content.nextMeetingDate, typed).toBe(stored);
    }
    // The same action typed either way is the same content (so the record's hash does not depend on how a date was typed).
    const a = readRecordForm({ ...completeForm(), a0_text: 'x', a0_owner: 'supervisor', a0_due: '15/12/2026' }, ctx);
    const b = readRecordForm({ ...completeForm(), a0_text: 'x', a0_owner: 'supervisor', a0_due: '2026-12-15' }, ctx);
    expect(a).toEqual(b);
  });

  it('an owner and date without words asks for the words', () => {
    const r = readRecordForm({ ...completeForm(), a2_owner: 'supervisor', a2_due: '2026-12-01' }, ctx);
    expect(r.ok ? {} : r.errors).toHaveProperty('a2_text');
  });

  it('Central Bedfordshire §13 (L146): personal issues are yes or no only', () => {
    const { personalIssues: _omit, ...rest } = completeForm();
    expect(readRecordForm(rest, ctx).ok).toBe(false);
    expect(readRecordForm({ ...rest, personalIssues: 'my divorce' }, ctx).ok).toBe(false);
    const yes = readRecordForm({ ...rest, personalIssues: 'yes' }, ctx);
    expect(yes.ok && yes.content.personalIssuesDiscussed).toBe(true);
  });

  it('Central Bedfordshire §13 (L146): the "Personal Issues" standing item takes a status, never the details', () => {
    const i = standingItems.findIndex((s) => /personal issues/i.test(s.text));
    expect(i).toBeGreaterThanOrEqual(0);
    const r = readRecordForm({ ...completeForm(), [`si${i}_notes`]: 'Going through a divorce' }, ctx);
    expect(r.ok ? {} : r.errors).toEqual({ [`si${i}_notes`]: 'Record only whether personal issues were discussed, not the details.' });
    expect(readRecordForm({ ...completeForm(), si0_notes: 'Actions all done' }, ctx).ok).toBe(true);
  });

  it('the discussion is required', () => {
    const r = readRecordForm({ ...completeForm(), discussion: '   ' }, ctx);
    expect(r.ok ? {} : r.errors).toEqual({ discussion: 'Write what was discussed.' });
  });

  it('Input.Date values with a time part are read as dates', () => {
    const r = readRecordForm({ ...completeForm(), a0_text: 'x', a0_owner: 'supervisor', a0_due: '2026-12-15T00:00:00Z' }, ctx);
    expect(r.ok && r.content.actions[0]?.due).toBe('2026-12-15');
  });

  it('property: the same card always gives the same content (so a replayed submit hashes the same)', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('a0_text', 'a0_owner', 'a0_due', 'decisions', 'disagreementNoted', 'si0_notes'), fc.string({ maxLength: 30 })), (extra) => {
      const form = { ...completeForm(), ...extra };
      expect(readRecordForm(form, ctx)).toEqual(readRecordForm({ ...form }, ctx));
    }));
  });

  it('property: an accepted card always has every standing item once and only valid actions', () => {
    const owner = fc.constantFrom('supervisor', 'supervisee', '', 'x');
    const due = fc.constantFrom('2026-12-01', '', 'soon');
    fc.assert(fc.property(fc.array(fc.record({ text: fc.constantFrom('', 'Do it'), owner, due }), { maxLength: 6 }), (slots) => {
      const form: Record<string, string> = completeForm();
      slots.forEach((s, i) => Object.assign(form, { [`a${i}_text`]: s.text, [`a${i}_owner`]: s.owner, [`a${i}_due`]: s.due }));
      const r = readRecordForm(form, ctx);
      const filled = slots.filter((s) => s.text || s.owner || s.due);
      const allValid = filled.every((s) => s.text && (s.owner === 'supervisor' || s.owner === 'supervisee') && s.due === '2026-12-01');
      if (!r.ok) return !allValid;
      return allValid && r.content.actions.length === filled.length && Object.keys(validateRecordContent(r.content, standingItems)).length === 0;
    }));
  });
});

describe('validating a RecordContent against the standing items', () => {
  const good = (() => {
    const r = readRecordForm(completeForm(), ctx);
    if (!r.ok) throw new Error('fixture');
    return r.content;
  })();

  it('accepts a complete record', () => {
    expect(validateRecordContent(good, standingItems)).toEqual({});
  });

  it('every standing item exactly once: missing, duplicated and foreign items are named', () => {
    const missing = { ...good, standingItems: good.standingItems.slice(1) };
    expect(validateRecordContent(missing, standingItems)).toHaveProperty('si0_status');
    const twice = { ...good, standingItems: [...good.standingItems, good.standingItems[2]!] };
    expect(validateRecordContent(twice, standingItems)['si2_status']).toMatch(/more than once/);
    const foreign = { ...good, standingItems: [...good.standingItems, { text: 'Something else', status: 'addressed' as const }] };
    expect(validateRecordContent(foreign, standingItems)).toHaveProperty('standingItems');
  });

  it('actions need an owner and a real due date', () => {
    const bad = { ...good, actions: [{ actionId: 'x', text: 'y', ownerId: ' ', ownerName: 'n', due: '2026-02-30' }] };
    expect(Object.keys(validateRecordContent(bad, standingItems)).sort()).toEqual(['a0_due', 'a0_owner']);
  });
});

describe('card values round trip', () => {
  it('contentAsForm then readRecordForm gives the same content back (amending starts from the shared version)', () => {
    const r = readRecordForm({ ...completeForm(), decisions: 'd', a0_text: 'Book training', a0_owner: 'supervisor', a0_due: '2026-12-15', disagreementNoted: 'On caseload', nextMeetingDate: '2027-01-05' }, ctx);
    if (!r.ok) throw new Error('fixture');
    const again = readRecordForm(contentAsForm(r.content, standingItems, { supervisorId: 'tm' }), { ...ctx, actionIds: actionSlotIds('a1-s01', r.content.actions.map((a) => a.actionId)) });
    expect(again).toEqual(r);
  });

  it('action slot ids keep the existing ids first and never reuse one', () => {
    const ids = actionSlotIds('s', ['s-a2', 'other']);
    expect(ids.slice(0, 2)).toEqual(['s-a2', 'other']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('s-a1');
    fc.assert(fc.property(fc.array(fc.constantFrom('s-a1', 's-a2', 's-a3', 'z'), { maxLength: 6 }), (existing) => {
      const unique = [...new Set(existing)];
      const out = actionSlotIds('s', unique);
      return new Set(out).size === out.length && out.length === 6 && unique.every((e, i) => out[i] === e);
    }));
  });

  it('a draft keeps only the card\'s own fields', () => {
    expect(draftFields({ agreementId: 'a', verb: 'x', discussion: 'd', si0_status: 'addressed', a0_due: '2026-01-01', junk: 'y' }, 1)).toEqual({ discussion: 'd', si0_status: 'addressed', a0_due: '2026-01-01' });
  });

  it('a draft keeps a date typed day first as the date it names (ISO, for the tab\'s date input too), anything else as typed', () => {
    expect(draftFields({ a0_due: '15/12/2026', a1_due: 'Friday 8 January 2027', a2_due: 'soon', nextMeetingDate: ' 5.1.27 ', discussion: '15/12/2026' }, 0))
      .toEqual({ a0_due: '2026-12-15', a1_due: '2027-01-08', a2_due: 'soon', nextMeetingDate: '2027-01-05', discussion: '15/12/2026' });
  });
});
