import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The sandbox tenant's port of the last `npm start`, kept in DATA_DIR: the bot stores absolute
 * Graph links (calendarView delta links, change notification resources), so a tenant on a new
 * port after a restart would leave every one pointing at nothing, and the calendar sync would fail
 * for each supervisor. Used only when SANDBOX_GRAPH_PORT is 0 (pick a free one).
 */
const ZPort = z.object({ port: z.number().int().min(1).max(65535) });

function file(dataDir: string): string {
  return join(dataDir, 'sandbox', 'tenant-port.json');
}

export function rememberedTenantPort(dataDir: string): number | undefined {
  try {
    const parsed = ZPort.safeParse(JSON.parse(readFileSync(file(dataDir), 'utf8')));
    return parsed.success ? parsed.data.port : undefined;
  } catch {
    return undefined;
  }
}

export function rememberTenantPort(dataDir: string, port: number): void {
  mkdirSync(join(dataDir, 'sandbox'), { recursive: true });
  writeFileSync(file(dataDir), JSON.stringify({ port }));
}

/** Starts on the remembered port when one is asked for (0) and it is still free; else as asked. */
export async function onRememberedPort<T extends { readonly url: string }>(dataDir: string, asked: number, start: (port: number) => Promise<T>): Promise<T> {
  const remembered = asked === 0 ? rememberedTenantPort(dataDir) : undefined;
  let started: T | undefined;
  if (remembered !== undefined) {
    try {
      started = await start(remembered);
    } catch (error) {
      // Taken by something else since: a free port, as asked.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  started ??= await start(asked);
  rememberTenantPort(dataDir, Number(new URL(started.url).port));
  return started;
}
