import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePersonName } from '../../../src/domain/agenda/person-name.js';

/** Sefton App 3 (L551) "use only LCS number; no personal details": names refused, practice words let through. */
describe('looksLikePersonName', () => {
  const names: [string, string][] = [
    ['Jayden Smith contact with dad', 'name-pair'],
    ['contact review for Jayden', 'given-name'],
    ["Jayden's placement is breaking down", 'possessive'],
    ["Kieran's school exclusion", 'possessive'],
    ['Mrs Patel has asked for a review', 'title'],
    ['Mr. Okafor missed the visit', 'title'],
    ['Master Brown attendance', 'title'],
    ['Miss Hughes, school nurse', 'title'],
    ['baby Tiana pre-birth assessment', 'baby'],
    ['Baby Kowalski discharge plan', 'baby'],
    ['Tiana Kowalski at risk', 'name-pair'],
    ['home visit to Olivia', 'given-name'],
    ['Ms Lee', 'title'],
  ];
  for (const [text, why] of names) {
    it(`refuses "${text}" (${why})`, () => {
      expect(looksLikePersonName(text)?.why).toBe(why);
    });
  }

  const practice = [
    'Child Protection plan review',
    'Team Manager sign-off for the Section 47',
    'Initial Child Protection Conference next week',
    'LAC review and CIN plan',
    'CAF closure',
    'ICPC minutes late',
    'PLO letter before proceedings',
    'Section 47 enquiry outcome',
    'Strategy Meeting with Police',
    'Family Group Conference',
    'Signs of Safety mapping',
    'Independent Reviewing Officer concerns',
    "Children's Services restructure",
    "the child's views",
    'Early Help Assessment',
    'Looked After Children health assessment',
    'Youth Offending Service referral',
    'Annual Leave in December',
    'Pathway Plan for a care leaver',
    'Ofsted Inspection readiness',
    'Public Law Outline timescales',
    'caseload is too high',
    'Mum\'s mental health',
    'Court Hearing on Tuesday',
    'Virtual School PEP',
    'Principal Social Worker forum',
    'RAG rating Amber',
  ];
  for (const text of practice) {
    it(`lets "${text}" through`, () => {
      expect(looksLikePersonName(text)).toBeUndefined();
    });
  }
});

describe('looksLikePersonName, as properties', () => {
  const practice = ['Child', 'Protection', 'Plan', 'Team', 'Manager', 'Initial', 'Conference', 'Review', 'Court', 'Hearing', 'Strategy', 'Meeting', 'Family', 'Group', 'Early', 'Help', 'Section', '47', 'LAC', 'CIN', 'CAF', 'ICPC', 'PLO', 'and', 'the', 'for', 'placement', 'visit'];
  it('phrases made only of practice words are never refused', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...practice), { minLength: 1, maxLength: 8 }), (words) => looksLikePersonName(words.join(' ')) === undefined));
  });
  it('a title before any capitalised word is always refused', () => {
    fc.assert(fc.property(fc.constantFrom('Mr', 'Mrs', 'Ms', 'Miss', 'Master'), fc.stringMatching(/^[A-Z][a-z]{1,12}$/), fc.constantFrom('', 'visit to ', 'review of '), (title, surname, before) =>
      looksLikePersonName(`${before}${title} ${surname} contact`)?.why === 'title'));
  });
});
