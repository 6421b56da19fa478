/**
 * `supervision setup sharepoint`: the supervision library (SHAREPOINT_LIBRARY on SHAREPOINT_SITE)
 * and its metadata columns, made once and safely again (a second run creates nothing). The filing
 * job puts each employee's folder in that library. Creating a library or a column needs the app
 * to manage the site's lists (Sites.Manage.All, or Sites.Selected with the manage role on that
 * site, for the run: list-create.md, list-post-columns.md).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { ensureColumns } from '../../adapters/graph/sharepoint/library-columns.js';
import { DEFAULT_SUPERVISION_LIBRARY, ensureSupervisionLibrary } from '../../adapters/graph/sharepoint/supervision-library.js';
import { AppError } from '../../domain/errors.js';

export async function setupSharePoint(graph: Client, site: string | undefined, libraryName: string = DEFAULT_SUPERVISION_LIBRARY): Promise<{ code: number; stdout: string }> {
  if (!site) throw new AppError('invalid_input', 'Configuration error: SHAREPOINT_SITE is missing; expected the supervision site, e.g. contoso.sharepoint.com:/sites/supervision');
  const { library, created } = await ensureSupervisionLibrary(graph, site, libraryName);
  const setup = await ensureColumns(graph, library);
  const lines = [
    `✓ supervision library "${library.name}" on ${site}: ${created ? 'created' : 'already there'}`,
    ...setup.created.map((c) => `✓ column ${c}: created`),
    ...setup.present.map((c) => `✓ column ${c}: already there`),
    ...setup.conflicting.map((c) => `✗ column ${c}: already there with another type; left as it is (changing a column's type loses its values). Fix: rename or remove it in the library settings, then run this again`),
  ];
  return { code: setup.conflicting.length === 0 ? 0 : 1, stdout: `${lines.join('\n')}\n` };
}
