import type { User } from '@microsoft/microsoft-graph-types';
import { applySelect, decodeToken, encodeToken, linkWith, parseTop } from '../../odata.js';
import { graphPath } from '../../http/paths.js';
import { queryOf } from '../../http/request.js';
import { json } from '../../http/reply.js';
import { contextUrl, type GraphContext } from '../common.js';

/** What Graph returns for a user when $select is absent (department etc. need $select). */
const defaultProperties = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export function shape(u: User, select: string | null): Partial<User> {
  if (select) return applySelect(u, select);
  const out: Record<string, unknown> = {};
  for (const k of defaultProperties) out[k] = (u as Record<string, unknown>)[k] ?? null;
  return out as Partial<User>;
}

export function sorted(users: Iterable<User>): User[] {
  return [...users].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '') || (a.id ?? '').localeCompare(b.id ?? ''));
}

/** A page of users: `$top` (default 100), `$skiptoken`, `$select`, `$count=true`. */
export function userPage(c: GraphContext, items: User[], contextFragment: string, typed: boolean): Response {
  const query = queryOf(c);
  const select = query.get('$select');
  const top = parseTop(query, 999) ?? 100;
  const token = query.get('$skiptoken');
  const offset = token ? decodeToken<{ o: number }>(token).o : 0;
  const slice = items.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(c, select ? `${contextFragment}(${select})` : contextFragment) };
  if (query.get('$count') === 'true') body['@odata.count'] = items.length;
  if (offset + top < items.length) {
    body['@odata.nextLink'] = linkWith(c.var.tenant.graphBaseUrl, graphPath(c), query, { $top: String(top), $skiptoken: encodeToken({ o: offset + top }) });
  }
  body.value = slice.map((u) => (typed ? { '@odata.type': '#microsoft.graph.user', ...shape(u, select) } : shape(u, select)));
  return json(200, body);
}
