import type { Context } from 'hono';
import type { PathReader, SandboxEnv } from './env.js';

/**
 * The path routes match: percent-decoded as a whole (so `%24batch`, `root%3A` and `%2F` mean what
 * they do to Graph), with every literal `%` written back as `%25` because Hono decodes route
 * parameters once more. `ownHost` unwraps the sandbox's own links: the graph client only
 * recognises absolute https:// URLs, and given one of our http:// links (nextLink, deltaLink,
 * uploadUrl) it prefixes the base URL again. Batch sub-requests never carry such links.
 */
export function routingPath(ownHost: () => string): PathReader {
  return (request, options) => {
    const raw = new URL(request.url).pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      path = raw;
    }
    if (!options?.env?.inBatch) {
      const embedded = /^\/v1\.0\/https?:\/+([^/]+)(\/.*)?$/.exec(path);
      if (embedded && embedded[1] === ownHost()) path = embedded[2] ?? '/';
    }
    return path.replace(/%/g, '%25');
  };
}

/** The decoded path of this request, e.g. `/v1.0/drives/b!x/root:/Employees/a b.pdf`. */
export function decodedPath(c: Context<SandboxEnv>): string {
  return c.req.path.replace(/%25/g, '%');
}

/** The decoded path below the version segment, e.g. `/users/x/events`, as Graph operations see it. */
export function graphPath(c: Context<SandboxEnv>): string {
  return decodedPath(c).replace(/^\/v1\.0/, '') || '/';
}
