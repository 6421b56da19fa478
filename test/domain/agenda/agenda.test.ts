import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addItem, caseReferenceRule, emptyAgenda, nextSession, numberedItems, parseItemText, removeItem, type NewItem } from '../../../src/domain/agenda/agenda.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { getPack } from '../../../src/policy/packs.js';

const sefton = getPack('sefton');
const camden = getPack('camden');
const at = '2026-11-23T10:00:00Z';
const topic = (itemId: string, text: string, by = 'sw', role: 'supervisee' | 'supervisor' = 'supervisee'): NewItem => ({ itemId, kind: 'topic', text, addedById: by, addedByRole: role, addedAt: at });
const caseItem = (itemId: string, caseRef: string, text: string): NewItem => ({ itemId, kind: 'case', caseRef, text, addedById: 'sw', addedByRole: 'supervisee', addedAt: at });

describe('adding items (issue 5 item 1)', () => {
  it('adds, tidies whitespace and records who added it and when', () => {
    const { agenda, added } = addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('i1', '  training   plan '));
    expect(added).toBe(true);
    expect(agenda.items).toEqual([{ itemId: 'i1', kind: 'topic', text: 'training plan', addedById: 'sw', addedByRole: 'supervisee', addedAt: at }]);
  });
  it('the same itemId twice adds one item (a double click on confirm)', () => {
    const once = addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('i1', 'training plan')).agenda;
    const twice = addItem(once, sefton, topic('i1', 'training plan'));
    expect(twice.added).toBe(false);
    expect(twice.agenda.items).toHaveLength(1);
  });
  it('refuses an empty or over-long item', () => {
    const a = emptyAgenda('a1', 'a1-s01', at);
    expect(() => addItem(a, sefton, topic('i1', '   '))).toThrow(/Say what the item is about/);
    expect(() => addItem(a, sefton, topic('i1', 'x'.repeat(1001)))).toThrow(/at most 1000/);
  });
  it('refuses a 61st item', () => {
    let a = emptyAgenda('a1', 'a1-s01', at);
    for (let i = 0; i < 60; i++) a = addItem(a, sefton, topic(`i${i}`, `item ${i}`)).agenda;
    expect(() => addItem(a, sefton, topic('i60', 'one more'))).toThrow(/already has 60 items/);
  });
});

describe('case items take the case reference in the pack\'s format, never a name (Sefton App 3 L551)', () => {
  it('Sefton: an LCS number is accepted', () => {
    const { item } = addItem(emptyAgenda('a1', 'a1-s01', at), sefton, caseItem('c1', '1234567', 'contact review'));
    expect(item).toMatchObject({ kind: 'case', caseRef: '1234567', text: 'contact review' });
  });
  it('Sefton: a name instead of a number is refused, naming the LCS number', () => {
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, caseItem('c1', 'Jayden', 'contact'))).toThrow(/"Jayden" is not an LCS number.*for example 1234567/);
  });
  it.each([
    ['sefton', 'LCS123456', '123456'], ['sefton', 'LCS 123456', '123456'], ['sefton', 'lcs-1234567', '1234567'], ['sefton', 'LCS no. 1234567', '1234567'],
    ['sefton', 'LCS number: 1234567', '1234567'], ['sefton', '#1234567', '1234567'], ['camden', 'Mosaic ID 12345', '12345'], ['camden', 'mosaic12345', '12345'],
    ['central-bedfordshire', 'PRN 123456', '123456'], ['central-bedfordshire', 'PRN:123456', '123456'], ['leeds', 'LE-123456', 'LE-123456'], ['leeds', 'case ref LE-123456', 'LE-123456'],
  ])('%s: what the case system\'s users type, "%s", is the reference %s (issue 15 item 4)', (pack, typed, stored) => {
    const { item } = addItem(emptyAgenda('a1', 'a1-s01', at), getPack(pack), caseItem('c1', typed, 'contact review'));
    expect(item.caseRef).toBe(stored);
  });
  it.each([['sefton', 'LCS'], ['sefton', 'LCS12'], ['sefton', 'Mosaic 1234567'], ['camden', 'LCS 1234567'], ['sefton', 'LCS 12a4567']])('%s: "%s" is still not a reference', (pack, typed) => {
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), getPack(pack), caseItem('c1', typed, 'contact review'))).toThrow(/is not an? /);
  });
  it('Sefton: a name in the text is refused with the policy\'s words', () => {
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, caseItem('c1', '1234567', "Jayden's contact with dad"))).toThrow(/"Jayden's" looks like a person's name.*"use only LCS number; no personal details" \(Supervision - Supporting Employees in a Challenging Social Care Environment, Welfare supervision record \(Appendix 3\)\)/);
  });
  it('a case item with no reference is refused with an example', () => {
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, { ...caseItem('c1', '', 'contact') })).toThrow(/needs the case's LCS number, for example "case 1234567: contact"/);
  });
  it('a topic with a name in it is refused too (the product never stores a child\'s name)', () => {
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('t1', 'Mrs Patel complaint'))).toThrow(/looks like a person's name/);
  });
  it('each pack has its own system and format', () => {
    expect(caseReferenceRule(getPack('camden'))).toMatchObject({ system: 'Mosaic', label: 'Mosaic ID' });
    expect(caseReferenceRule(getPack('buckinghamshire'))).toMatchObject({ system: 'LCS', label: 'LCS number' });
    expect(caseReferenceRule(getPack('central-bedfordshire'))).toMatchObject({ label: 'PRN' });
    const leeds = caseReferenceRule(getPack('leeds'));
    expect(leeds.system).toBeUndefined();
    expect(leeds.pattern.test('LE-123456')).toBe(true);
    expect(leeds.pattern.test('Jayden')).toBe(false);
  });
  it('property: every pack\'s format accepts its own example and refuses a bare given name', () => {
    for (const id of ['sefton', 'camden', 'leeds', 'buckinghamshire', 'central-bedfordshire']) {
      const rule = caseReferenceRule(getPack(id));
      expect(rule.pattern.test(rule.example), id).toBe(true);
      fc.assert(fc.property(fc.stringMatching(/^[A-Z][a-z]{2,12}$/), (name) => !rule.pattern.test(name)));
    }
  });
});

describe('numbering and removing', () => {
  it('Camden §6 (L106): case items are numbered after the other items, and "remove n" follows the numbers shown', () => {
    let a = emptyAgenda('a1', 'a1-s01', at);
    a = addItem(a, camden, caseItem('c1', '7654321', 'court timetable')).agenda;
    a = addItem(a, camden, topic('t1', 'workload')).agenda;
    expect(numberedItems(a, camden).map((n) => [n.number, n.item.itemId])).toEqual([[1, 't1'], [2, 'c1']]);
    expect(numberedItems(a, sefton).map((n) => n.item.itemId)).toEqual(['c1', 't1']);
    const { removed, agenda } = removeItem(a, camden, 2, { id: 'sw', role: 'supervisee' }, at);
    expect(removed.itemId).toBe('c1');
    expect(agenda.items.map((i) => i.itemId)).toEqual(['t1']);
  });
  it('refuses a number that is not there, and a supervisee removing the supervisor\'s item; the supervisor may remove any', () => {
    let a = emptyAgenda('a1', 'a1-s01', at);
    expect(() => removeItem(a, sefton, 1, { id: 'sw', role: 'supervisee' }, at)).toThrow(/no items to remove/);
    a = addItem(a, sefton, topic('t1', 'audit findings', 'tm', 'supervisor')).agenda;
    expect(() => removeItem(a, sefton, 2, { id: 'sw', role: 'supervisee' }, at)).toThrow(/no item 2; the agenda has items 1 to 1/);
    expect(() => removeItem(a, sefton, 1, { id: 'sw', role: 'supervisee' }, at)).toThrow(/added by your supervisor/);
    expect(removeItem(a, sefton, 1, { id: 'tm', role: 'supervisor' }, at).agenda.items).toEqual([]);
  });
  it('property: numbers are 1..n, each item once, whatever was added', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 20 }), (kinds) => {
      let a = emptyAgenda('a1', 'a1-s01', at);
      kinds.forEach((isCase, i) => { a = addItem(a, camden, isCase ? caseItem(`i${i}`, '1234567', 'court') : topic(`i${i}`, 'workload')).agenda; });
      const n = numberedItems(a, camden);
      expect(n.map((x) => x.number)).toEqual(kinds.map((_, i) => i + 1));
      expect(new Set(n.map((x) => x.item.itemId)).size).toBe(kinds.length);
      const firstCase = n.findIndex((x) => x.item.kind === 'case');
      if (firstCase >= 0) expect(n.slice(firstCase).every((x) => x.item.kind === 'case')).toBe(true);
    }));
  });
});

describe('parseItemText', () => {
  it.each([
    ['case 1234567: contact review', { kind: 'case', caseRef: '1234567', text: 'contact review' }],
    ['case LCS123456: contact review', { kind: 'case', caseRef: 'LCS123456', text: 'contact review' }],
    ['case LCS 123456: contact review', { kind: 'case', caseRef: 'LCS 123456', text: 'contact review' }],
    ['case no. 123456: court', { kind: 'case', caseRef: 'no. 123456', text: 'court' }],
    ['case Mosaic ID 12345: court', { kind: 'case', caseRef: 'Mosaic ID 12345', text: 'court' }],
    ['case Jayden Smith: court', { kind: 'topic', text: 'case Jayden Smith: court' }],
    ['Case LE-12345 - court', { kind: 'case', caseRef: 'LE-12345', text: 'court' }],
    ['training plan', { kind: 'topic', text: 'training plan' }],
    ['casework pressures', { kind: 'topic', text: 'casework pressures' }],
  ])('%s', (input, expected) => {
    expect(parseItemText(input)).toEqual(expected);
  });
});

describe('which session an agenda is for', () => {
  const agreement = { id: 'a1', status: 'booked' } as Agreement;
  const s = (n: number, startUtc: string, status: PlannedSession['status'] = 'booked'): PlannedSession => ({ sessionId: `a1-s0${n}`, agreementId: 'a1', date: startUtc.slice(0, 10), start: '10:00', minutes: 90, startUtc, endUtc: startUtc, rule: 'x', status });
  it('the next booked (or moved) session from now; postponed, cancelled and past ones are skipped', () => {
    const sessions = [s(3, '2026-12-15T10:00:00Z'), s(1, '2026-11-20T10:00:00Z'), s(2, '2026-12-01T10:00:00Z', 'postponed'), s(4, '2026-12-08T10:00:00Z', 'moved')];
    expect(nextSession(agreement, sessions, '2026-11-23T10:00:00Z')?.sessionId).toBe('a1-s04');
    expect(nextSession(agreement, sessions, '2026-12-20T10:00:00Z')).toBeUndefined();
    expect(nextSession({ ...agreement, status: 'ended' }, sessions, '2026-11-23T10:00:00Z')).toBeUndefined();
  });
});
