import type { Directory } from '../../domain/people/person.js';
import { productRoleOf } from '../../domain/people/product-role.js';

/**
 * Who may see what in the tab beyond their own supervision (issue 13 item 2; DESIGN.md
 * "Security": authorization decided from relationships). A supervisor sees their supervisees'
 * statuses; a manager sees the statuses of everyone below them in the manager chain; never record
 * content, which stays with the record's two parties.
 */

/** Managers above a person, nearest first (at most 12 levels; a loop in the directory stops it). */
export async function managersAbove(directory: Pick<Directory, 'getManager'>, personId: string): Promise<string[]> {
  const chain: string[] = [];
  for (let cur = personId, i = 0; i < 12; i += 1) {
    const m = await directory.getManager(cur);
    if (!m || m.id === personId || chain.includes(m.id)) break;
    chain.push(m.id);
    cur = m.id;
  }
  return chain;
}

export async function isAbove(directory: Pick<Directory, 'getManager'>, managerId: string, personId: string): Promise<boolean> {
  return (await managersAbove(directory, personId)).includes(managerId);
}

/**
 * "My service" is for managers of managers (a service manager, a head of service, the director)
 * and the senior roles the directory names so: the people whose chain holds teams.
 */
export async function managesTeams(directory: Pick<Directory, 'getPerson' | 'getDirectReports'>, personId: string): Promise<boolean> {
  const [person, reports] = await Promise.all([directory.getPerson(personId), directory.getDirectReports(personId)]);
  if (!person) return false;
  if (reports.length > 0 && productRoleOf(person, reports.length) === 'senior-manager') return true;
  for (const r of reports) if ((await directory.getDirectReports(r.id)).length > 0) return true;
  return false;
}
