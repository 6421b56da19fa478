import { errors } from './errors.js';

/** Opaque continuation tokens: base64url JSON, so a client cannot (and need not) read them. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw errors.badRequest('The skip token or delta token is invalid.', 'BadRequest');
  }
}

/** Applies `$select`; `id` and OData annotations always stay, as Graph keeps them. */
export function applySelect<T extends object>(obj: T, select: string | null): Partial<T> {
  if (!select) return obj;
  const wanted = new Set(select.split(',').map((s) => s.trim()).filter(Boolean));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'id' || k.startsWith('@odata.') || wanted.has(k)) out[k] = v;
  }
  return out as Partial<T>;
}

export function parseTop(query: URLSearchParams, max: number): number | undefined {
  const raw = query.get('$top');
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw errors.badRequest(`Invalid value '${raw}' for $top query option.`);
  if (n > max) throw errors.badRequest(`Invalid page size specified: '${n}'. Must be between 1 and ${max} inclusive.`, 'Request_UnsupportedQuery');
  return n;
}

/** Rebuilds a URL on the sandbox with one query parameter replaced, keeping the others. */
export function linkWith(base: string, path: string, query: URLSearchParams, set: Record<string, string>, drop: string[] = []): string {
  const q = new URLSearchParams(query);
  for (const d of drop) q.delete(d);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  const qs = q.toString().replace(/%24/g, '$');
  return `${base}${encodePath(path)}${qs ? `?${qs}` : ''}`;
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%40/g, '@').replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%27/g, "'").replace(/%28/g, '(').replace(/%29/g, ')'))
    .join('/');
}
