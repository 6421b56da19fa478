import { describe, expect, it } from 'vitest';
import { leadWorkingDays, preparationAnswers, preparationDay, preparationPrompts } from '../../../src/domain/agenda/preparation.js';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-calendar.js';
import { getPack } from '../../../src/policy/packs.js';
import { applyCouncilConfig } from '../../../src/policy/council-config.js';

const cal = createWorkingCalendar({ nation: 'england-and-wales' });

describe('preparation prompts for the supervisee (rules.md §4)', () => {
  it('Buckinghamshire (L26-L34): the four case-supervision questions, not the supervisor\'s own preparation', () => {
    const texts = preparationPrompts(getPack('buckinghamshire')).map((p) => p.text);
    expect(texts.slice(0, 4)).toEqual(['What is worrying me and/or others?', 'This is what is working well', 'This what I decided to do', 'This is what I need help with today']);
    expect(texts.join(' ')).not.toMatch(/Use LCS records and performance reports/);
  });
  it('Sefton App 3: the welfare questions, cited', () => {
    const prompts = preparationPrompts(getPack('sefton'));
    expect(prompts[0]).toEqual({ id: 'p1', text: 'How am I feeling?', citation: 'Sefton Welfare supervision record; App 1 Expectations (L531-L632, L381)' });
    expect(prompts.map((p) => p.text)).toContain('Do I need any time out? (Annual leave/Toil/Sickness management)');
    expect(prompts.map((p) => p.text).join(' ')).not.toMatch(/Good quality reflective supervision/);
  });
  it('Camden §6 (L106): no prompts in the policy, but the worker\'s welfare comes first', () => {
    const prompts = preparationPrompts(getPack('camden'));
    expect(prompts[0]?.text).toMatch(/^Your welfare first/);
    expect(prompts[0]?.citation).toBe('Camden §6 Agenda (L106)');
    expect(prompts.map((p) => p.text)[2]).toMatch(/Cases/);
  });
  it('Leeds: the Part A prompt asking for children\'s names carries the product\'s rule', () => {
    expect(preparationPrompts(getPack('leeds')).find((p) => /Part A/.test(p.text))?.text).toMatch(/never stores a child's name/);
  });
  it('answers pair with the prompt words; blanks are dropped; over-long refused', () => {
    const prompts = preparationPrompts(getPack('sefton'));
    expect(preparationAnswers(prompts, { p1: ' tired ', p2: '' })).toEqual([{ prompt: 'How am I feeling?', answer: 'tired' }]);
    expect(() => preparationAnswers(prompts, { p1: 'x'.repeat(4001) })).toThrow(/limit is 4000/);
  });
});

describe('when the preparation card is due (local configuration, default 2 working days, K13)', () => {
  it('every shipped pack carries 2 as local configuration', () => {
    for (const id of ['sefton', 'camden', 'leeds', 'buckinghamshire', 'central-bedfordshire']) {
      const pack = getPack(id);
      expect(leadWorkingDays(pack)).toBe(2);
      expect(pack.preparation?.leadWorkingDays).toMatchObject({ source: { kind: 'local-configuration', replaced: 'not-specified' } });
    }
  });
  it('a council sets its own number through its configuration (the product default is itself local configuration)', () => {
    const pack = applyCouncilConfig(getPack('camden'), { policy: 'camden', values: [{ path: 'preparation.leadWorkingDays', value: 3, modality: 'should', reference: 'Camden practice note', overridePolicy: true }] });
    expect(leadWorkingDays(pack)).toBe(3);
    expect(pack.preparation?.leadWorkingDays).toMatchObject({ source: { kind: 'local-configuration', reference: 'Camden practice note' } });
    expect(() => applyCouncilConfig(getPack('camden'), { policy: 'camden', values: [{ path: 'preparation.leadWorkingDays', value: -1, modality: 'should', overridePolicy: true }] })).toThrow();
  });
  it('2 working days before a Tuesday is the Friday; bank holidays are skipped (Mon 28 Dec 2026 is one)', () => {
    expect(preparationDay(cal, '2026-12-01', 2)).toBe('2026-11-27');
    expect(preparationDay(cal, '2026-12-30', 2)).toBe('2026-12-24');
    expect(preparationDay(cal, '2026-12-01', 0)).toBe('2026-12-01');
  });
});
