import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addItem, emptyAgenda, removeItem, type NewItem } from '../../../src/domain/agenda/agenda.js';
import { looksLikePersonName } from '../../../src/domain/agenda/person-name.js';
import { getPack } from '../../../src/policy/packs.js';

const sefton = getPack('sefton');
const at = '2026-11-23T10:00:00Z';
const topic = (itemId: string, text: string, by = 'sw'): NewItem => ({ itemId, kind: 'topic', text, addedById: by, addedByRole: 'supervisee', addedAt: at });
const caseItem = (text: string): NewItem => ({ itemId: 'c1', kind: 'case', caseRef: '1234567', text, addedById: 'sw', addedByRole: 'supervisee', addedAt: at });

describe('the child\'s-name check, whatever the case or invisible characters (issue 16 M4)', () => {
  const disguised = [
    'jayden smith',
    'JAYDEN SMITH',
    'Jay\u200Bden Sm\u200Bith',
    'jay\u200Dden sm\u2060ith contact',
    'contact with jayden',
    'JAYDEN\'S placement',
    'mrs patel asked for a review',
    'MRS PATEL',
    'MISS HUGHES school nurse',
    '\uFF2A\uFF41\uFF59\uFF44\uFF45\uFF4E \uFF33\uFF4D\uFF49\uFF54\uFF48',
    'J\u0332a\u0332y\u0332d\u0332e\u0332n\u0332 S\u0332mith',
    'Jay\u00ADden Smith',
  ];
  it.each(disguised)('M4: "%s" is refused as a case item and as a topic', (text) => {
    expect(looksLikePersonName(text)).toBeDefined();
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, caseItem(text))).toThrow(/looks like a person's name/);
    expect(() => addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('t1', text))).toThrow(/looks like a person's name/);
  });

  const practice = [
    'caseload is too high',
    'LAC CIN',
    'CHILD PROTECTION PLAN REVIEW',
    'ICPC MINUTES LATE',
    'MS Teams training',
    'a grace period for the court report',
    'holly and ivy at the christmas party',
    'miss the deadline',
    'ms forms survey',
  ];
  it.each(practice)('M4: "%s" is still let through', (text) => {
    expect(looksLikePersonName(text)).toBeUndefined();
  });

  it('M4: a given name in any case, with any invisible characters inside it, is refused (property)', () => {
    const names = ['jayden', 'olivia', 'kieran', 'tyrese', 'fatima', 'liam'];
    const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E');
    fc.assert(fc.property(fc.constantFrom(...names.filter((n) => n !== 'kieran')), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), fc.array(invisible, { maxLength: 3 }), (name, upper, marks) => {
      const cased = [...name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');
      const disguisedName = marks.reduce((s, mark, i) => `${s.slice(0, i + 1)}${mark}${s.slice(i + 1)}`, cased);
      return looksLikePersonName(`contact review for ${disguisedName}`) !== undefined;
    }));
  });
});

describe('an agenda item of nothing readable (issue 16 L5)', () => {
  it.each([
    ['zero-width and no-break spaces', '\u200B\u00A0\u200B\u00A0'],
    ['word joiners and a byte-order mark', '\u2060\uFEFF\u2060'],
    ['ideographic and thin spaces', '\u3000\u2009\u202F'],
    ['punctuation only', ' - . , '],
  ])('L5: an item of only %s is refused and nothing is stored', (_what, text) => {
    const before = emptyAgenda('a1', 'a1-s01', at);
    expect(() => addItem(before, sefton, topic('i1', text))).toThrow(/Say what the item is about/);
    expect(before.items).toHaveLength(0);
  });

  it('L5: invisible characters are removed from what is stored', () => {
    const { item } = addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('i1', 'training\u200B\u00A0plan\u2060'));
    expect(item.text).toBe('training plan');
  });
});

describe('removing by number (issue 16 L4)', () => {
  const agenda = addItem(addItem(emptyAgenda('a1', 'a1-s01', at), sefton, topic('i1', 'training plan')).agenda, sefton, topic('i2', 'caseload')).agenda;
  it.each([-1, 0, -0, 1.5, Number.NaN, Number.MAX_VALUE])('L4: item %d names no item and removes nothing', (n) => {
    expect(() => removeItem(agenda, sefton, n, { id: 'sw', role: 'supervisee' }, at)).toThrow(/numbered from 1/);
  });
  it('L4: item 1 is still removed by its number', () => {
    expect(removeItem(agenda, sefton, 1, { id: 'sw', role: 'supervisee' }, at).removed.text).toBe('training plan');
  });
});
