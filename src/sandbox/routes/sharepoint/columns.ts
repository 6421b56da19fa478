/**
 * The supervision library's columns (columnDefinition), as SharePoint keeps them for a list:
 * - GET /sites/{site}/lists/{list}/columns (list-list-columns.md);
 * - POST /sites/{site}/lists/{list}/columns (list-post-columns.md: 201 with the columnDefinition;
 *   application permission Sites.Manage.All or Sites.FullControl.All, so a write grant is not
 *   enough to change a list's shape).
 * The demo council has run `supervision setup sharepoint`: the library starts with SharePoint's own
 * columns and the supervision file's metadata columns; tests clear them to watch setup make them.
 * Columns live with the tenant's state object (a reset starts from the seed again).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { columnDefinition, SUPERVISION_COLUMN_KINDS } from '../../../adapters/graph/sharepoint/library-columns.js';
import { GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { json } from '../../http/reply.js';
import { contextUrl, type GraphContext } from '../common.js';
import { checkSite, siteAddress } from './site-address.js';

type Column = Record<string, unknown> & { readonly id: string; readonly name: string };

/** A document library's own columns (a few of them), read-only. */
const builtIn = ['Title', 'FileLeafRef', 'Created', 'Modified', 'Author', 'Editor'].map((name): Column => ({
  id: randomUUID(),
  name,
  displayName: name === 'FileLeafRef' ? 'Name' : name,
  columnGroup: 'Base Columns',
  readOnly: name !== 'Title',
  hidden: false,
  indexed: false,
  required: false,
  enforceUniqueValues: false,
  ...(name === 'Created' || name === 'Modified' ? { dateTime: { displayAs: 'default', format: 'dateTime' } } : name === 'Author' || name === 'Editor' ? { personOrGroup: {} } : { text: {} }),
}));

const libraries = new WeakMap<object, Column[]>();

function seeded(): Column[] {
  const supervision = (Object.keys(SUPERVISION_COLUMN_KINDS) as (keyof typeof SUPERVISION_COLUMN_KINDS)[]).map((name): Column => ({
    id: randomUUID(),
    columnGroup: 'Custom Columns',
    readOnly: false,
    required: false,
    ...columnDefinition(name),
  }));
  return [...builtIn, ...supervision];
}

/** The library's columns in this tenant state (the seed on first use). */
export function libraryColumns(state: object): Column[] {
  let columns = libraries.get(state);
  if (!columns) {
    columns = seeded();
    libraries.set(state, columns);
  }
  return columns;
}

/** Tests: a library as a council's site has it before setup (SharePoint's own columns only). */
export function clearSupervisionColumns(state: object): void {
  libraries.set(state, [...builtIn]);
}

const ZColumn = z.looseObject({
  name: z.string().min(1).max(255).regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  displayName: z.string().min(1).max(255).optional(),
  text: z.object({}).loose().optional(),
  dateTime: z.object({}).loose().optional(),
  number: z.object({}).loose().optional(),
  boolean: z.object({}).loose().optional(),
  choice: z.object({}).loose().optional(),
});

const columnRoutesApp = sandboxHono();

function listOf(c: GraphContext): Column[] {
  checkSite(c.var.tenant.org.site, c.req.param('site') ?? '');
  if (c.req.param('list') !== c.var.tenant.org.site.listId) throw new GraphHttpError(404, 'itemNotFound', 'The requested list was not found.');
  return libraryColumns(c.var.tenant.store);
}

columnRoutesApp.get(`/sites/${siteAddress}/lists/:list/columns`, (c) => {
  const columns = listOf(c);
  return json(200, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists('${c.req.param('list')}')/columns`), value: columns });
});

columnRoutesApp.post(`/sites/${siteAddress}/lists/:list/columns`, async (c) => {
  const columns = listOf(c);
  const parsed = ZColumn.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new GraphHttpError(400, 'invalidRequest', 'Invalid request');
  const kinds = ['text', 'dateTime', 'number', 'boolean', 'choice'].filter((k) => parsed.data[k] !== undefined);
  if (kinds.length !== 1) throw new GraphHttpError(400, 'invalidRequest', 'A column needs exactly one type facet (text, dateTime, number, boolean or choice).');
  // The docs do not show the refusal; SharePoint names the duplicate.
  if (columns.some((col) => col.name.toLowerCase() === parsed.data.name.toLowerCase())) {
    throw new GraphHttpError(409, 'nameAlreadyExists', `A duplicate field name "${parsed.data.name}" was found.`);
  }
  const column: Column = { columnGroup: 'Custom Columns', description: '', enforceUniqueValues: false, hidden: false, indexed: false, readOnly: false, required: false, displayName: parsed.data.name, ...parsed.data, id: randomUUID() };
  columns.push(column);
  return json(201, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists('${c.req.param('list')}')/columns/$entity`), ...column });
});

export const columnRoutes = columnRoutesApp;
