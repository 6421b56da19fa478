import { createMiddleware } from 'hono/factory';
import { errors as joseErrors } from 'jose';
import { invalidToken } from '../../entra/denials.js';
import type { SandboxEnv } from '../env.js';

/**
 * Every Graph request carries `Authorization: Bearer <token>` (auth-concepts.md); Graph accepts
 * only an unexpired token its tenant's Entra signed for Graph, and answers anything else 401
 * InvalidAuthenticationToken. A $batch sub-request runs as the batch's caller.
 */
export const authenticate = createMiddleware<SandboxEnv>(async (c, next) => {
  if (c.env.caller) {
    c.set('caller', c.env.caller);
    return next();
  }
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) throw invalidToken('empty');
  if (token.split('.').length !== 3) throw invalidToken('malformed');
  try {
    c.set('caller', await c.var.tenant.identity.graphCaller(token));
  } catch (e) {
    throw invalidToken(e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
  }
  await next();
});
