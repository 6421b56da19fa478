/**
 * Azurite for the benchmarks, in its own process (src/sandbox/azurite-process.ts). On a shared
 * machine under load Azurite can take close to the 30 s the tests allow it just to start, so a
 * benchmark waits up to two minutes, and tries once more, rather than giving up before it has
 * measured anything.
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
 * Starts Azurite, trying up to `attempts` times. With `freshPorts`, it gets ports of its own (each
 * attempt new ones); the options actually used are returned, so the same Azurite (data and ports)
 * can be started again later.
 */
export async function startBenchAzurite(options: AzuriteOptions = {}, { attempts = 2, freshPorts = false, startTimeoutMs = 120_000 } = {}): Promise<{ azurite: AzuriteInstance; options: AzuriteOptions }> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const used = freshPorts ? { ...options, ...(await freePorts()) } : options;
    try {
      return { azurite: await startAzuriteProcess(used, startTimeoutMs), options: used };
    } catch (error) {
      last = error;
      say(`bench: Azurite did not start (attempt ${attempt} of ${attempts}): ${(error as Error).message}`);
    }
  }
  throw last;
}
