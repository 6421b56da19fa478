import type { User } from '@microsoft/microsoft-graph-types';
import type { Context } from 'hono';
import { errors } from '../errors.js';
import type { SandboxEnv } from '../http/env.js';

export type GraphContext = Context<SandboxEnv>;

/** Directory routes answer unknown users with Request_ResourceNotFound. */
export function directoryUser(c: GraphContext, key: string): User {
  const u = c.var.tenant.store.findUser(key);
  if (!u) throw errors.userNotFound(key);
  return u;
}

/** Mailbox routes (Exchange) answer unknown users with ErrorInvalidUser. */
export function mailboxUser(c: GraphContext, key: string): User {
  const u = c.var.tenant.store.findUser(key);
  if (!u) throw errors.invalidUser(key);
  return u;
}

export function contextUrl(c: GraphContext, fragment: string): string {
  return `${c.var.tenant.graphBaseUrl}/$metadata#${fragment}`;
}
