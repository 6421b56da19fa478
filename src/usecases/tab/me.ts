import { AppError } from '../../domain/errors.js';
import type { TabDeps } from './deps.js';
import { managesTeams } from './people.js';
import type { MeView } from './views.js';

/** Who the signed-in person is and which of the tab's views are theirs (issue 13 items 1–2). */
export async function meView(deps: TabDeps, personId: string, councilName: string): Promise<MeView> {
  const directory = deps.agenda.directory;
  const [person, reports, agreements] = await Promise.all([directory.getPerson(personId), directory.getDirectReports(personId), deps.agenda.agreements.agreementsOf(personId)]);
  if (!person) throw new AppError('forbidden', 'You are not in the council directory, so Supervision Assistant has nothing to show you.');
  const supervises = agreements.filter((a) => a.terms.supervisorId === personId).length;
  return {
    person: { id: person.id, name: person.displayName, jobTitle: person.jobTitle },
    councilName,
    supervises,
    views: { team: supervises > 0 || reports.length > 0, service: await managesTeams(directory, personId) },
  };
}
