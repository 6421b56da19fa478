import { describe, expect, it } from 'vitest';
import { applyCouncilConfig } from '../../src/policy/council-config.js';
import { getPack, titledPacks } from '../../src/policy/packs.js';
import { sectionLabel, whyForCitation, whyOf, withPolicyTitle } from '../../src/policy/why.js';

describe('a rule as people read it: the policy\'s words and where they are', () => {
  it('names sections in words', () => {
    expect(sectionLabel('¶3.12')).toBe('paragraph 3.12');
    expect(sectionLabel('¶5.2-¶5.7')).toBe('paragraphs 5.2 to 5.7');
    expect(sectionLabel('§6 Postponement; §7')).toBe('section 6, Postponement; section 7');
    expect(sectionLabel('Welfare supervision record (App 3)')).toBe('Welfare supervision record (Appendix 3)');
    expect(sectionLabel('App 1 Format')).toBe('Appendix 1, Format');
    expect(sectionLabel('Agreement cl.2')).toBe('Agreement clause 2');
  });

  it('labels a citation with the policy\'s title, by default the pack\'s, or the one the council sets', () => {
    const sefton = getPack('sefton');
    const frequency = sefton.roles.find((r) => r.id === 'nqsw')?.phases[1]?.frequency;
    expect(whyOf(sefton, frequency)).toEqual({
      quote: 'The frequency of supervision for all newly qualified social workers is once a week for the first six weeks; once a fortnight for the next six months and monthly thereafter.',
      label: 'Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 3.12',
    });
    expect(whyOf(withPolicyTitle(sefton, 'Supervision policy'), frequency)?.label).toBe('Supervision policy, paragraph 3.12');
    expect(withPolicyTitle(sefton, '  ')).toBe(sefton);
    expect(sefton.title).toBe('Supervision - Supporting Employees in a Challenging Social Care Environment');
  });

  it('has no words for a value the council set itself (K13: not the policy)', () => {
    const local = applyCouncilConfig(getPack('sefton'), { policy: 'sefton', values: [{ path: 'deadlines.postponementRebooked', value: { workingDays: 5, by: 'supervisor' }, modality: 'must', overridePolicy: true }] });
    expect(whyOf(local, local.deadlines.postponementRebooked)).toBeUndefined();
  });

  it('finds the words behind a citation string the domain carries, the longest match first', () => {
    const sefton = getPack('sefton');
    expect(whyForCitation(sefton, 'SE-F6 Sefton ¶3.8 (L90)')?.quote).toBe('Social Workers shall receive supervision from their line managers at least monthly.');
    expect(whyForCitation(sefton, 'SE-F3 Sefton ¶3.5 (L84) with the floor of ¶3.2 (L77): at most 56 days apart (K8)')?.label).toMatch(/, paragraph 3\.5$/);
    expect(whyForCitation(sefton, 'SE-F6 Sefton ¶3.8 (L90)x')).toBeUndefined();
    expect(whyForCitation(sefton, 'the agreement ended')).toBeUndefined();
  });
});

describe('the packs as a deployment shows them (POLICY_TITLE)', () => {
  it('titles the pack it runs as the council does, once, and leaves the others as they ship', () => {
    const packFor = titledPacks('camden', 'Supervision policy');
    expect(packFor('camden').title).toBe('Supervision policy');
    expect(packFor('camden')).toBe(packFor('camden'));
    expect(packFor('leeds')).toBe(getPack('leeds'));
    expect(titledPacks('camden', undefined)('camden')).toBe(getPack('camden'));
  });
});
