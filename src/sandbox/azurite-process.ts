import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AzuriteInstance, AzuriteOptions } from './azurite.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Starts Azurite in a child process (see azurite-child.ts for why) and returns its endpoints.
 * `startTimeoutMs`: how long it may take to be ready (a benchmark on a loaded machine waits longer);
 * a child not ready by then is stopped.
 */
export async function startAzuriteProcess(options: AzuriteOptions = {}, startTimeoutMs = 30_000): Promise<AzuriteInstance> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'azurite-child.ts'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });

  const ready = await new Promise<Omit<AzuriteInstance, 'close'>>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within ${Math.round(startTimeoutMs / 1000)} s`));
    }, startTimeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as Omit<AzuriteInstance, 'close'>);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code ?? 'null'} before it was ready: ${stderr.trim().split('\n').pop() ?? ''}`));
    });
  });

  let closing: Promise<void> | undefined;
  return {
    blobEndpoint: ready.blobEndpoint,
    queueEndpoint: ready.queueEndpoint,
    tableEndpoint: ready.tableEndpoint,
    connectionString: ready.connectionString,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
      return closing;
    },
  };
}
