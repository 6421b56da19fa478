import type { User } from '@microsoft/microsoft-graph-types';
import { errors } from '../../errors.js';

const filterable = new Set(['mail', 'userPrincipalName', 'jobTitle', 'department', 'displayName', 'givenName', 'surname', 'id', 'officeLocation', 'employeeId']);

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
