import type { Context } from 'hono';
import { errors } from '../errors.js';
import type { SandboxEnv } from './env.js';

/** Query parameters exactly as sent (OData names keep their `$`). */
export function queryOf(c: Context<SandboxEnv>): URLSearchParams {
  return new URL(c.req.url).searchParams;
}

export async function readBody(c: Context<SandboxEnv>): Promise<Buffer> {
  return Buffer.from(await c.req.arrayBuffer());
}

/** Parses a JSON body the way Graph reports unreadable payloads. */
export async function readJson<T = Record<string, unknown>>(c: Context<SandboxEnv>): Promise<T> {
  const body = await readBody(c);
  if (body.length === 0) throw errors.badRequest('Empty Payload. JSON content expected.');
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw errors.badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}
