/**
 * The supervision library's columns (columnDefinition), as SharePoint keeps them for a list:
 * - GET /sites/{site}/lists/{list}/columns (list-list-columns.md);
 * - POST /sites/{site}/lists/{list}/columns (list-post-columns.md: 201 with the columnDefinition;
 *   application permission Sites.Manage.All or Sites.FullControl.All, so a write grant is not
 *   enough to change a list's shape).
 * Each library keeps its own columns (src/sandbox/library-model.ts): a new library has SharePoint's
 * own; the demo council's supervision library has the supervision file's metadata columns too
 * (tests clear them to watch setup make them). They are saved with the tenant's state.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { json } from '../../http/reply.js';
import type { SandboxStore, StoredLibrary } from '../../store.js';
import { contextUrl, type GraphContext } from '../common.js';
import { checkList, checkSite, siteAddress } from './site-address.js';

type Column = StoredLibrary['columns'][number];

/** A library's columns in this tenant state, the supervision library's by default (tests). */
export function libraryColumns(store: SandboxStore, listId: string = store.org.site.supervisionLibrary.listId): Column[] {
  return store.libraryOfList(listId)?.columns ?? [];
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
  return checkList(c.var.tenant.store, c.req.param('list') ?? '').columns;
}

columnRoutesApp.get(`/sites/${siteAddress}/lists/:list/columns`, (c) => {
  const columns = listOf(c);
  return json(200, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists('${c.req.param('list')}')/columns`), value: columns });
});

/** A column from a request body (list-post-columns.md), or Graph's 400/409; not yet in the list. */
export function newColumn(columns: readonly Column[], body: unknown): Column {
  const parsed = ZColumn.safeParse(body);
  if (!parsed.success) throw new GraphHttpError(400, 'invalidRequest', 'Invalid request');
  const kinds = ['text', 'dateTime', 'number', 'boolean', 'choice'].filter((k) => parsed.data[k] !== undefined);
  if (kinds.length !== 1) throw new GraphHttpError(400, 'invalidRequest', 'A column needs exactly one type facet (text, dateTime, number, boolean or choice).');
  // The docs do not show the refusal; SharePoint names the duplicate.
  if (columns.some((col) => col.name.toLowerCase() === parsed.data.name.toLowerCase())) {
    throw new GraphHttpError(409, 'nameAlreadyExists', `A duplicate field name "${parsed.data.name}" was found.`);
  }
  return { columnGroup: 'Custom Columns', description: '', enforceUniqueValues: false, hidden: false, indexed: false, readOnly: false, required: false, displayName: parsed.data.name, ...parsed.data, id: randomUUID() };
}

columnRoutesApp.post(`/sites/${siteAddress}/lists/:list/columns`, async (c) => {
  const columns = listOf(c);
  const column = newColumn(columns, await c.req.json().catch(() => undefined));
  columns.push(column);
  c.var.tenant.store.changed();
  return json(201, { '@odata.context': contextUrl(c, `sites('${c.var.tenant.org.site.id}')/lists('${c.req.param('list')}')/columns/$entity`), ...column });
});

export const columnRoutes = columnRoutesApp;
