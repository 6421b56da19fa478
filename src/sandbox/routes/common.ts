import type { User } from '@microsoft/microsoft-graph-types';
import { errors } from '../errors.js';
import type { RouteContext, SandboxRequest, SandboxResponse } from '../types.js';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, body, headers };
}

export function noContent(status = 204, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers };
}

/** Parses a JSON body the way Graph reports unreadable payloads. */
export function jsonBody<T = Record<string, unknown>>(req: SandboxRequest): T {
  if (req.body.length === 0) throw errors.badRequest('Empty Payload. JSON content expected.');
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    throw errors.badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

/** Directory routes answer unknown users with Request_ResourceNotFound. */
export function directoryUser(ctx: RouteContext, key: string): User {
  const u = ctx.store.findUser(key);
  if (!u) throw errors.userNotFound(key);
  return u;
}

/** Mailbox routes (Exchange) answer unknown users with ErrorInvalidUser. */
export function mailboxUser(ctx: RouteContext, key: string): User {
  const u = ctx.store.findUser(key);
  if (!u) throw errors.invalidUser(key);
  return u;
}

export function contextUrl(ctx: RouteContext, fragment: string): string {
  return `${ctx.graphBaseUrl}/$metadata#${fragment}`;
}
