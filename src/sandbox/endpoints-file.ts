import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start` picks free ports for Azurite and the sandbox tenant; it writes them here so the
 * `supervision` CLI (import, report) can reach the running sandbox.
 */
export interface SandboxEndpoints {
  readonly connectionString: string;
  readonly graphBaseUrl: string;
}

function path(dataDir: string): string {
  return join(resolve(dataDir), 'sandbox', 'endpoints.json');
}

export function writeSandboxEndpoints(dataDir: string, endpoints: SandboxEndpoints): void {
  mkdirSync(join(resolve(dataDir), 'sandbox'), { recursive: true });
  writeFileSync(path(dataDir), JSON.stringify(endpoints, null, 2));
}

export function removeSandboxEndpoints(dataDir: string): void {
  rmSync(path(dataDir), { force: true });
}

export function readSandboxEndpoints(dataDir: string): SandboxEndpoints | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path(dataDir), 'utf8')) as Partial<SandboxEndpoints>;
    if (typeof parsed.connectionString === 'string' && typeof parsed.graphBaseUrl === 'string') return { connectionString: parsed.connectionString, graphBaseUrl: parsed.graphBaseUrl };
  } catch {
    // not running
  }
  return undefined;
}
