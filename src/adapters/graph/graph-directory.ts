import type { Client } from '@microsoft/microsoft-graph-client';
import type { User } from '@microsoft/microsoft-graph-types';
import type { Directory, Person } from '../../domain/people/person.js';

const select = 'id,displayName,givenName,mail,jobTitle,department,employeeHireDate';

function toPerson(user: User): Person {
  return {
    id: user.id ?? '',
    displayName: user.displayName ?? '',
    givenName: user.givenName ?? undefined,
    mail: user.mail ?? undefined,
    jobTitle: user.jobTitle ?? undefined,
    department: user.department ?? undefined,
    hireDate: user.employeeHireDate ? user.employeeHireDate.slice(0, 10) : undefined,
  };
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && (error as { statusCode: unknown }).statusCode === 404;
}

/** Directory through Graph: /users/{id}, /users/{id}/manager, /users/{id}/directReports. */
export class GraphDirectory implements Directory {
  constructor(private readonly graph: Client) {}

  async getPerson(id: string): Promise<Person | undefined> {
    try {
      const user = (await this.graph.api(`/users/${encodeURIComponent(id)}`).select(select).get()) as User;
      return toPerson(user);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getManager(id: string): Promise<Person | undefined> {
    try {
      const user = (await this.graph.api(`/users/${encodeURIComponent(id)}/manager`).select(select).get()) as User;
      return toPerson(user);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getDirectReports(id: string): Promise<readonly Person[]> {
    const people: Person[] = [];
    let page = (await this.graph.api(`/users/${encodeURIComponent(id)}/directReports`).select(select).get()) as {
      value: User[];
      '@odata.nextLink'?: string;
    };
    for (;;) {
      people.push(...page.value.map(toPerson));
      const next = page['@odata.nextLink'];
      if (!next) return people;
      page = (await this.graph.api(next).get()) as typeof page;
    }
  }

  async ping(): Promise<void> {
    await this.graph.api('/users').select('id').top(1).get();
  }
}
