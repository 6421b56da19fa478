/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../src/adapters/graph/token-providers.js';
import { SANDBOX_APP_REGISTRATION } from '../../src/sandbox/entra/app-registration.js';
import { startSandboxTenant, type SandboxOptions, type SandboxTenant } from '../../src/sandbox/graph-server.js';

/** Fixed instant so the demo calendars are the same on every run (a Wednesday in term time). */
export const testNow = '2026-03-11T10:00:00Z';

export async function startTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  return startSandboxTenant({ now: testNow, ...options });
}

/** The product's way in: its Graph client, signed in with the sandbox app's client credentials. */
export function graphClient(tenant: SandboxTenant): Client {
  return createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), maxRetries: 0 });
}

const tokens = new WeakMap<SandboxTenant, string>();

/**
 * An access token from the tenant's Entra token endpoint (client credentials, the product's app
 * registration); reused per tenant unless `fresh` (after a change to the granted permissions).
 */
export async function sandboxToken(tenant: SandboxTenant, options: { fresh?: boolean } = {}): Promise<string> {
  const known = tokens.get(tenant);
  if (known && !options.fresh) return known;
  const res = await fetch(tenant.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SANDBOX_APP_REGISTRATION.clientId, client_secret: SANDBOX_APP_REGISTRATION.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  tokens.set(tenant, token);
  return token;
}

/**
 * A Graph request over plain fetch, with the app's bearer token unless `headers.authorization`
 * says otherwise ('' sends none).
 */
export async function raw(tenant: SandboxTenant, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const { authorization, ...rest } = headers;
  const auth = authorization === undefined ? `Bearer ${await sandboxToken(tenant)}` : authorization;
  const res = await fetch(`${tenant.graphBaseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: auth } : {}), ...rest },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}
