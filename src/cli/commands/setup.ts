/**
 * `supervision setup sharepoint`: the supervision library's metadata columns, made once and safely
 * again (a second run creates nothing). The library is the supervision site's document library
 * (SHAREPOINT_SITE), where the filing job puts each employee's folder. Creating columns needs the
 * app to manage the site's lists (Sites.Selected with the manage role on that site, for the run).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { ensureColumns, supervisionLibrary } from '../../adapters/graph/sharepoint/library-columns.js';
import { AppError } from '../../domain/errors.js';

export async function setupSharePoint(graph: Client, site: string | undefined): Promise<{ code: number; stdout: string }> {
  if (!site) throw new AppError('invalid_input', 'Configuration error: SHAREPOINT_SITE is missing; expected the supervision site, e.g. contoso.sharepoint.com:/sites/supervision');
  const library = await supervisionLibrary(graph, site);
  const setup = await ensureColumns(graph, library);
  const lines = [
    `✓ supervision library: "${library.name}" on ${site}`,
    ...setup.created.map((c) => `✓ column ${c}: created`),
    ...setup.present.map((c) => `✓ column ${c}: already there`),
    ...setup.conflicting.map((c) => `✗ column ${c}: already there with another type; left as it is (changing a column's type loses its values). Fix: rename or remove it in the library settings, then run this again`),
  ];
  return { code: setup.conflicting.length === 0 ? 0 : 1, stdout: `${lines.join('\n')}\n` };
}
