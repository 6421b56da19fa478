import { describe, expect, it } from 'vitest';
import { chosenPeople, colleaguesOf } from '../../src/playground/people.js';
import { demoOrg } from '../../src/sandbox/demo-org.js';

const org = demoOrg();
const alias = (a: string) => org.people.find((p) => p.alias === a)!;

describe('SANDBOX_PERSON as one person or several (issue 15 item 2)', () => {
  it('takes aliases, ids and e-mail addresses, each person once, in the order given', () => {
    const sw1 = alias('sw1');
    const { people, unknown } = chosenPeople(org, ` sw1, TM1 ,${sw1.mail},${alias('sm1').id}`);
    expect(people.map((p) => p.alias)).toEqual(['sw1', 'tm1', 'sm1']);
    expect(unknown).toEqual([]);
  });

  it('reports every unknown name at once', () => {
    const { people, unknown } = chosenPeople(org, 'sw1,nobody,,zz9');
    expect(people.map((p) => p.alias)).toEqual(['sw1']);
    expect(unknown).toEqual(['nobody', 'zz9']);
  });

  it("a person's Playground shows at most five colleagues: their manager first, never themselves", () => {
    const sw1 = alias('sw1');
    const colleagues = colleaguesOf(org, sw1);
    expect(colleagues.length).toBeLessThanOrEqual(5);
    expect(colleagues[0]?.alias).toBe(sw1.managerAlias);
    expect(colleagues.some((p) => p.id === sw1.id)).toBe(false);
  });
});
