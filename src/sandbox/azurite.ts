/**
 * Azurite (Blob, Queue, Table) started inside this process.
 *
 * Why in-process: a child process would need its own lifecycle management and would outlive a
 * crashed parent; the test runner and `npm start` both own exactly one Azurite each.
 *
 * Why the deep imports: the package root of azurite 3.35 runs a CLI on import and cannot be
 * required; the server classes under dist/src load cleanly. 3.35 is the last release that runs
 * on Node 20 and rejects the API versions current SDKs send, hence skipApiVersionCheck.
 * Telemetry: only Azurite's CLI entry points (never loaded here) create the Application Insights
 * clients, and we also switch the flag off, the equivalent of --disableTelemetry.
 */
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AzuriteOptions {
  /**
   * Directory for persistent data (e.g. .data/azurite). Absent: everything stays in memory.
   * Azurite's metadata databases save every 5 s and on close(): call close() on shutdown, or
   * the last few seconds of writes are lost with the process.
   */
  location?: string;
  /** Loopback by default so the emulator's well-known key is never reachable from outside. */
  host?: string;
  /** 0 (default) lets the OS pick a free port. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /**
   * Serve https with these PEM files and accept Entra bearer tokens (Azurite's `--oauth basic`:
   * issuer, audience and lifetime checked, the signature not), as a storage account reached by a
   * managed identity is (tests of tenant mode's credentials). The connection string stays usable.
   */
  tls?: { certPath: string; keyPath: string };
}

export interface AzuriteInstance {
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  /** Connection string for the well-known development account devstoreaccount1. */
  connectionString: string;
  close(): Promise<void>;
}

/** Azurite's fixed development account; public by design, documented by Microsoft. */
export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
type ServerCtor = new (config: unknown) => AzuriteServer;
type ConfigCtor = new (...args: unknown[]) => unknown;
interface PersistenceLocation {
  locationId: string;
  locationPath: string;
  maxConcurrency: number;
}

const require = createRequire(import.meta.url);
function load<T>(path: string): T {
  const mod = require(`azurite/dist/src/${path}`) as { default: T };
  return mod.default;
}

const KEEP_ALIVE_SECONDS = 5;
// Matches Azurite's own default write concurrency per persistence location.
const WRITE_CONCURRENCY = 10;

interface MemoryChunkStoreCtor {
  new (sizeLimit?: number): unknown;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteInstance> {
  const host = options.host ?? '127.0.0.1';
  const location = options.location === undefined ? undefined : resolve(options.location);
  const inMemory = location === undefined;
  if (location !== undefined) await mkdir(location, { recursive: true });
  // Loki needs a file name even in memory mode; it is never written there.
  const at = (name: string): string => (location === undefined ? name : join(location, name));
  const persistence = (dir: string): PersistenceLocation[] => [
    { locationId: 'Default', locationPath: at(dir), maxConcurrency: WRITE_CONCURRENCY },
  ];
  // A private chunk store per instance, so two in-memory instances in one process (a test
  // that restarts Azurite) never see each other's blob or message bodies.
  const memoryStore = inMemory
    ? new (require('azurite/dist/src/common/persistence/MemoryExtentStore.js') as {
        MemoryExtentChunkStore: MemoryChunkStoreCtor;
      }).MemoryExtentChunkStore()
    : undefined;

  const telemetry = require('azurite/dist/src/common/Telemetry.js') as {
    AzuriteTelemetryClient: { enableTelemetry: boolean };
  };
  telemetry.AzuriteTelemetryClient.enableTelemetry = false;

  const BlobConfiguration = load<ConfigCtor>('blob/BlobConfiguration.js');
  const BlobServer = load<ServerCtor>('blob/BlobServer.js');
  const QueueConfiguration = load<ConfigCtor>('queue/QueueConfiguration.js');
  const QueueServer = load<ServerCtor>('queue/QueueServer.js');
  const TableConfiguration = load<ConfigCtor>('table/TableConfiguration.js');
  const TableServer = load<ServerCtor>('table/TableServer.js');

  const loose = false;
  const skipApiVersionCheck = true;
  const cert = options.tls?.certPath ?? '';
  const key = options.tls?.keyPath ?? '';
  const oauth = options.tls ? 'basic' : undefined;
  const disableProductStyleUrl = true;
  const accessLog = false;
  const debugLog = false;

  const blob = new BlobServer(
    new BlobConfiguration(
      host, options.blobPort ?? 0, KEEP_ALIVE_SECONDS,
      at('__azurite_db_blob__.json'), at('__azurite_db_blob_extent__.json'), persistence('__blobstorage__'),
      accessLog, undefined, debugLog, undefined,
      loose, skipApiVersionCheck, cert, key, '', oauth, disableProductStyleUrl,
      inMemory, memoryStore,
    ),
  );
  const queue = new QueueServer(
    new QueueConfiguration(
      host, options.queuePort ?? 0, KEEP_ALIVE_SECONDS,
      at('__azurite_db_queue__.json'), at('__azurite_db_queue_extent__.json'), persistence('__queuestorage__'),
      accessLog, undefined, debugLog, undefined,
      loose, skipApiVersionCheck, cert, key, '', oauth, disableProductStyleUrl,
      inMemory, memoryStore,
    ),
  );
  // TableConfiguration orders its log flags differently from the other two (debug first).
  const table = new TableServer(
    new TableConfiguration(
      host, options.tablePort ?? 0, KEEP_ALIVE_SECONDS,
      at('__azurite_db_table__.json'),
      debugLog, accessLog, undefined, undefined,
      loose, skipApiVersionCheck, cert, key, '', oauth, disableProductStyleUrl,
      inMemory,
    ),
  );

  const started: AzuriteServer[] = [];
  try {
    for (const server of [blob, queue, table]) {
      await server.start();
      started.push(server);
    }
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }

  const endpoint = (server: AzuriteServer): string => `${server.getHttpServerAddress()}/${DEV_ACCOUNT_NAME}`;
  const blobEndpoint = endpoint(blob);
  const queueEndpoint = endpoint(queue);
  const tableEndpoint = endpoint(table);
  const connectionString = [
    `DefaultEndpointsProtocol=${options.tls ? 'https' : 'http'}`,
    `AccountName=${DEV_ACCOUNT_NAME}`,
    `AccountKey=${DEV_ACCOUNT_KEY}`,
    `BlobEndpoint=${blobEndpoint}`,
    `QueueEndpoint=${queueEndpoint}`,
    `TableEndpoint=${tableEndpoint}`,
  ].join(';') + ';';

  let closing: Promise<void> | undefined;
  return {
    blobEndpoint,
    queueEndpoint,
    tableEndpoint,
    connectionString,
    close() {
      // Idempotent: both a test's afterAll and a shutdown handler may call it.
      closing ??= Promise.all(started.map((s) => s.close())).then(() => undefined);
      return closing;
    },
  };
}

/**
 * Run as a script (`tsx src/sandbox/azurite.ts [--location dir]`) for when Azurite must live in
 * its own process, e.g. a benchmark that measures only the product's CPU. Prints one JSON line
 * with the endpoints, then serves until SIGINT/SIGTERM, closing cleanly so Loki saves its data.
 */
async function runAsScript(argv: string[]): Promise<void> {
  const at = argv.indexOf('--location');
  const location = at >= 0 ? argv[at + 1] : undefined;
  const azurite = await startAzurite(location === undefined ? {} : { location });
  const { close, ...endpoints } = azurite;
  process.stdout.write(`${JSON.stringify(endpoints)}\n`);
  const stop = (): void => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runAsScript(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`azurite: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
