import type { Hono } from 'hono';
import { errors } from '../errors.js';
import type { SandboxEnv } from './env.js';

/**
 * Registers, after every route of `app`, a 405 for each of their paths: a known resource asked
 * with a method it does not have is Graph's `Request_BadRequest` 405, not an unknown segment.
 */
export function refuseOtherMethods(app: Hono<SandboxEnv>): void {
  const paths = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => r.path));
  for (const path of paths) {
    app.all(path, () => {
      throw errors.methodNotAllowed();
    });
  }
}
