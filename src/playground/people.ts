import type { DemoOrg, DemoPerson } from '../sandbox/demo-org.js';
import type { PlaygroundUser } from './launch-playground.js';

/** A demo person as the Playground's config names its users. */
export function toPlaygroundUser(p: DemoPerson, index: number): PlaygroundUser {
  return {
    id: `user-${index}`,
    name: p.displayName,
    userPrincipalName: p.userPrincipalName,
    aadObjectId: p.id,
    givenName: p.givenName,
    surname: p.surname,
    email: p.mail,
  };
}

/** The Playground accepts at most five other users: the people this person works with most. */
export function colleaguesOf(org: DemoOrg, person: DemoPerson): DemoPerson[] {
  const byAlias = (alias: string | undefined) => org.people.find((p) => p.alias === alias);
  const manager = byAlias(person.managerAlias);
  const candidates = [
    manager,
    byAlias(manager?.managerAlias),
    ...org.people.filter((p) => p.managerAlias === person.alias),
    ...org.people.filter((p) => p.managerAlias === person.managerAlias && p.id !== person.id),
  ];
  return [...new Map(candidates.filter((p): p is DemoPerson => p !== undefined).map((p) => [p.id, p])).values()].slice(0, 5);
}

/**
 * SANDBOX_PERSON as a list: "sw1" or "sw1,tm1" (each gets a Playground of their own, so both
 * sides of one agreement can be played in one run). Unknown aliases are reported all at once.
 */
export function chosenPeople(org: DemoOrg, setting: string): { people: DemoPerson[]; unknown: string[] } {
  const keys = [...new Set(setting.split(',').map((k) => k.trim()).filter(Boolean))];
  const people: DemoPerson[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const k = key.toLowerCase();
    const p = org.people.find((x) => x.alias === k || x.id === k || x.mail.toLowerCase() === k || x.userPrincipalName.toLowerCase() === k);
    // The same person named twice (alias and e-mail) gets one Playground.
    if (p) {
      if (!people.some((x) => x.id === p.id)) people.push(p);
    } else unknown.push(key);
  }
  return { people, unknown };
}
