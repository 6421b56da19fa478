import type { Directory, Person } from '../../src/domain/people/person.js';

/** A directory held in memory for conversation unit tests; integration tests use the sandbox. */
export class InMemoryDirectory implements Directory {
  private readonly people = new Map<string, Person & { managerId?: string }>();

  add(person: Person, managerId?: string): this {
    this.people.set(person.id, { ...person, ...(managerId ? { managerId } : {}) });
    return this;
  }

  async getPerson(id: string) {
    return this.people.get(id);
  }

  async getManager(id: string) {
    const managerId = this.people.get(id)?.managerId;
    return managerId ? this.people.get(managerId) : undefined;
  }

  async getDirectReports(id: string) {
    return [...this.people.values()].filter((p) => p.managerId === id);
  }

  async ping() {}
}
