/**
 * The booking worker as its own process, for the crash test: argv[2] is JSON with the Azurite
 * connection string, the sandbox Graph URL and adapter settings. Prints one line "ready" once it
 * polls; runs until SIGTERM (or until it is killed, which is the point).
 */
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { GraphDirectory } from '../../../src/adapters/graph/graph-directory.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { bookingQueue, runBookingWorker } from '../../../src/jobs/booking/index.js';
import { AgreementRepository, LINKS_TABLE } from '../../../src/repositories/agreements.js';
import { ZAgreementLink } from '../../../src/domain/agreements/schema.js';
import { agreementStore, sessionStore } from '../../../src/repositories/tables.js';
import { createLogger } from '../../../src/observability/logger.js';

interface Settings {
  connectionString: string;
  graphBaseUrl: string;
  visibilitySeconds: number;
  maxConcurrentPerMailbox?: number;
  maxBatchSize?: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
const storage = createStorage(settings.connectionString);
const queue = bookingQueue(storage);
const agreements = agreementStore(storage);
const sessions = sessionStore(storage);
await storage.ensureCreated();
const client = createGraphClient({ baseUrl: settings.graphBaseUrl, tokens: sandboxTokenProvider() });
const calendar = new GraphCalendar({
  client,
  maxConcurrentPerMailbox: settings.maxConcurrentPerMailbox,
  maxBatchSize: settings.maxBatchSize,
  retry: { baseDelayMs: 20, maxDelayMs: 300, maxAttempts: 12, requestTimeoutMs: 5_000 },
});
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());
process.stdout.write('ready\n');
await runBookingWorker(
  { agreements: new AgreementRepository({ agreements, sessions, links: storage.versioned(LINKS_TABLE, ZAgreementLink) }), calendar, directory: new GraphDirectory(client), queue, log: createLogger('warn') },
  { signal: controller.signal, visibilitySeconds: settings.visibilitySeconds, pollIntervalMs: 100 },
);
process.exit(0);
