/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { Client } from '@microsoft/microsoft-graph-client';
import { startSandboxTenant, type SandboxOptions, type SandboxTenant } from '../../src/sandbox/graph-server.js';

/** Fixed instant so the demo calendars are the same on every run (a Wednesday in term time). */
export const testNow = '2026-03-11T10:00:00Z';

export async function startTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  return startSandboxTenant({ now: testNow, ...options });
}

/** The product's way in: the official client with only the base URL changed. */
export function graphClient(tenant: SandboxTenant): Client {
  return Client.init({
    authProvider: (done) => done(null, 'sandbox-dummy-token'),
    baseUrl: tenant.url,
    defaultVersion: 'v1.0',
  });
}

export async function raw(tenant: SandboxTenant, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(`${tenant.graphBaseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
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
