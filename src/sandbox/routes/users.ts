import type { User } from '@microsoft/microsoft-graph-types';
import { errors, GraphHttpError } from '../errors.js';
import { applySelect, decodeToken, encodeToken, linkWith, parseTop } from '../odata.js';
import type { Route, RouteContext, SandboxRequest } from '../types.js';
import { contextUrl, directoryUser, json, jsonBody, noContent } from './common.js';

/** What Graph returns for a user when $select is absent (department etc. need $select). */
const defaultProperties = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

const filterable = new Set(['mail', 'userPrincipalName', 'jobTitle', 'department', 'displayName', 'givenName', 'surname', 'id', 'officeLocation', 'employeeId']);

function shape(u: User, select: string | null): Partial<User> {
  if (select) return applySelect(u, select);
  const out: Record<string, unknown> = {};
  for (const k of defaultProperties) out[k] = (u as Record<string, unknown>)[k] ?? null;
  return out as Partial<User>;
}

type Predicate = (u: User) => boolean;

function unquote(s: string): string {
  return s.slice(1, -1).replace(/''/g, "'");
}

/** The subset of OData $filter the product uses: eq on a few properties, startswith, joined by and/or. */
export function parseUserFilter(filter: string): Predicate {
  const text = filter.trim();
  const orParts = splitOutsideQuotes(text, ' or ');
  if (orParts.length > 1) {
    const ps = orParts.map(parseUserFilter);
    return (u) => ps.some((p) => p(u));
  }
  const andParts = splitOutsideQuotes(text, ' and ');
  if (andParts.length > 1) {
    const ps = andParts.map(parseUserFilter);
    return (u) => ps.every((p) => p(u));
  }
  const eq = /^(\w+)\s+eq\s+('(?:[^']|'')*')$/i.exec(text);
  if (eq?.[1] && eq[2]) {
    const prop = eq[1];
    if (!filterable.has(prop)) throw errors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${prop}' of resource 'User'.`);
    const value = unquote(eq[2]).toLowerCase();
    return (u) => String((u as Record<string, unknown>)[prop] ?? '').toLowerCase() === value;
  }
  const sw = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(text);
  if (sw?.[1] && sw[2]) {
    const prop = sw[1];
    if (!filterable.has(prop)) throw errors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${prop}' of resource 'User'.`);
    const value = unquote(sw[2]).toLowerCase();
    return (u) => String((u as Record<string, unknown>)[prop] ?? '').toLowerCase().startsWith(value);
  }
  throw errors.badRequest(`Invalid filter clause: ${text}`, 'BadRequest');
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let inQuote = false;
  let start = 0;
  const lower = text.toLowerCase();
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") inQuote = !inQuote;
    if (!inQuote && lower.startsWith(sep, i)) {
      out.push(text.slice(start, i).trim());
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.map((s) => s.replace(/^\((.*)\)$/, '$1'));
}

function pageOf(req: SandboxRequest, ctx: RouteContext, items: User[], contextFragment: string, typed: boolean) {
  const select = req.query.get('$select');
  const top = parseTop(req.query, 999) ?? 100;
  const token = req.query.get('$skiptoken');
  const offset = token ? decodeToken<{ o: number }>(token).o : 0;
  const slice = items.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, select ? `${contextFragment}(${select})` : contextFragment) };
  if (req.query.get('$count') === 'true') body['@odata.count'] = items.length;
  if (offset + top < items.length) {
    body['@odata.nextLink'] = linkWith(ctx.graphBaseUrl, req.path, req.query, { $top: String(top), $skiptoken: encodeToken({ o: offset + top }) });
  }
  body.value = slice.map((u) => (typed ? { '@odata.type': '#microsoft.graph.user', ...shape(u, select) } : shape(u, select)));
  return json(200, body);
}

function sorted(users: Iterable<User>): User[] {
  return [...users].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '') || (a.id ?? '').localeCompare(b.id ?? ''));
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users$/,
    handler: (req, _p, ctx) => {
      const filter = req.query.get('$filter');
      let users = sorted(ctx.store.users.values());
      if (filter) {
        const pred = parseUserFilter(filter);
        users = users.filter(pred);
      }
      return pageOf(req, ctx, users, 'users', false);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)$/,
    handler: (req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      const select = req.query.get('$select');
      const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, select ? `users(${select})/$entity` : 'users/$entity'), ...shape(u, select) };
      if ((req.query.get('$expand') ?? '').split(',').includes('manager')) {
        const mid = ctx.store.managers.get(u.id as string);
        const m = mid ? ctx.store.users.get(mid) : undefined;
        if (m) body.manager = { '@odata.type': '#microsoft.graph.user', ...shape(m, null) };
      }
      return json(200, body);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/manager$/,
    handler: (req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      const mid = ctx.store.managers.get(u.id as string);
      const m = mid ? ctx.store.users.get(mid) : undefined;
      if (!m) throw errors.userNotFound('manager');
      const select = req.query.get('$select');
      return json(200, { '@odata.context': contextUrl(ctx, 'directoryObjects/$entity'), '@odata.type': '#microsoft.graph.user', ...shape(m, select) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/directReports$/,
    handler: (req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      const reports = sorted([...ctx.store.managers].filter(([, m]) => m === u.id).map(([id]) => ctx.store.users.get(id)).filter((x): x is User => x !== undefined));
      return pageOf(req, ctx, reports, 'directoryObjects', true);
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/users\/([^/]+)$/,
    handler: (req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      const patch = jsonBody<Record<string, unknown>>(req);
      const editable = new Set(['displayName', 'givenName', 'surname', 'jobTitle', 'department', 'officeLocation', 'employeeHireDate', 'mobilePhone', 'businessPhones', 'accountEnabled']);
      for (const [k, v] of Object.entries(patch)) {
        if (!editable.has(k)) throw errors.badRequest(`Property '${k}' is read-only or not supported in this tenant.`, 'Request_BadRequest');
        (u as Record<string, unknown>)[k] = v;
      }
      ctx.store.changed();
      return noContent(204);
    },
  },
  {
    method: 'PUT',
    pattern: /^\/users\/([^/]+)\/manager\/\$ref$/,
    handler: (req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      const ref = jsonBody<Record<string, unknown>>(req)['@odata.id'];
      const m = typeof ref === 'string' ? /\/(?:users|directoryObjects)\/([^/?]+)$/.exec(ref) : null;
      if (!m?.[1]) throw errors.badRequest("The request body must contain '@odata.id' referencing a user.", 'Request_BadRequest');
      const manager = directoryUser(ctx, decodeURIComponent(m[1]));
      if (manager.id === u.id) throw errors.badRequest('A user cannot be their own manager.', 'Request_BadRequest');
      ctx.store.managers.set(u.id as string, manager.id as string);
      ctx.store.changed();
      return noContent(204);
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/manager\/\$ref$/,
    handler: (_req, [key], ctx) => {
      const u = directoryUser(ctx, key as string);
      if (!ctx.store.managers.delete(u.id as string)) throw errors.userNotFound('manager');
      ctx.store.changed();
      return noContent(204);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/photos?(?:\/.*)?$/,
    handler: (_req, [key], ctx) => {
      directoryUser(ctx, key as string);
      // Nobody in the demo tenant has uploaded a photo; this is what Graph answers then.
      throw new GraphHttpError(404, 'ImageNotFound', "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.");
    },
  },
  {
    method: '*',
    pattern: /^\/me(\/.*)?$/,
    handler: () => {
      throw errors.badRequest('/me request is only valid with delegated authentication flow.');
    },
  },
];
