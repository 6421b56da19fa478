import { describe, expect, it } from 'vitest';
import { recordsRenderings } from './renderings/records.js';

interface El { type?: string; id?: string; text?: string; title?: string; value?: string; choices?: { title: string; value: string }[]; items?: El[]; columns?: El[]; body?: El[] }

function flatten(el: El | undefined): El[] {
  if (!el) return [];
  return [el, ...[...(el.body ?? []), ...(el.items ?? []), ...(el.columns ?? [])].flatMap(flatten)];
}

describe('the record card\'s case items (issue 14 item 2)', () => {
  it('a case item has the pack\'s category choice and a "discussed" toggle with the saved answers and its error; a plain item has neither', () => {
    const all = flatten(recordsRenderings['record with a case item to categorise'] as El);
    const choice = all.find((e) => e.id === 'c0_category');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', value: 'cin' });
    expect(choice?.choices).toEqual([{ title: 'Child protection', value: 'child-protection' }, { title: 'Child in need', value: 'cin' }]);
    expect(all.find((e) => e.id === 'c0_discussed')).toMatchObject({ type: 'Input.Toggle', value: 'true' });
    expect(all.find((e) => e.id === 'c0_closed')).toMatchObject({ type: 'Input.Toggle', value: 'false', title: 'Closed or transferred' });
    expect(all.some((e) => e.text === 'Choose the category of this case, so its next discussion is known.')).toBe(true);
    expect(all.filter((e) => e.type === 'Input.ChoiceSet' && e.id?.startsWith('c')).map((e) => e.id)).toEqual(['c0_category']);
    expect(all.some((e) => e.text === '- Supervisor: Training')).toBe(true);
    // The plain card has no case inputs at all.
    expect(flatten(recordsRenderings['record'] as El).some((e) => e.id?.startsWith('c0_'))).toBe(false);
  });
});
