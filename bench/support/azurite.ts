/**
 * Azurite for the benchmarks, in its own process (src/sandbox/azurite-process.ts). On a shared
 * machine under load Azurite can take longer than the 30 s that start allows, so a benchmark tries
 * again (three times) rather than giving up before it has measured anything. `ports`, when given,
 * are fresh for each attempt: an attempt that timed out may still be starting on its own ports.
 */
import { createServer } from 'node:net';
import { startAzuriteProcess } from '../../src/sandbox/azurite-process.js';
import type { AzuriteInstance, AzuriteOptions } from '../../src/sandbox/azurite.js';
import { say } from './processes.js';

/** A port free on this machine now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function freePorts(): Promise<Required<Pick<AzuriteOptions, 'blobPort' | 'queuePort' | 'tablePort'>>> {
  return { blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort() };
}

/**
 * Starts Azurite, trying up to `attempts` times. With `freshPorts`, each attempt gets ports of its
 * own; the options actually used are returned, so the same Azurite can be started again later.
 */
export async function startBenchAzurite(options: AzuriteOptions = {}, { attempts = 3, freshPorts = false } = {}): Promise<{ azurite: AzuriteInstance; options: AzuriteOptions }> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const used = freshPorts ? { ...options, ...(await freePorts()) } : options;
    try {
      return { azurite: await startAzuriteProcess(used), options: used };
    } catch (error) {
      last = error;
      say(`bench: Azurite did not start (attempt ${attempt} of ${attempts}): ${(error as Error).message}`);
    }
  }
  throw last;
}
