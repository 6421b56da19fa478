/**
 * Runs Azurite in a process of its own. restify patches Node's shared http request/response
 * prototypes on import, which breaks Azurite's express-based servers when both live in one
 * process; the bot therefore never shares its process with Azurite.
 * Protocol: argv[2] is a JSON AzuriteOptions; the child prints one JSON line with the endpoints,
 * then closes Azurite cleanly (flushing persisted data) on SIGTERM, SIGINT or stdin end.
 */
import { startAzurite, type AzuriteOptions } from './azurite.js';

const options = JSON.parse(process.argv[2] ?? '{}') as AzuriteOptions;
const azurite = await startAzurite(options);
process.stdout.write(`${JSON.stringify({ ready: true, blobEndpoint: azurite.blobEndpoint, queueEndpoint: azurite.queueEndpoint, tableEndpoint: azurite.tableEndpoint, connectionString: azurite.connectionString })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void azurite.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// If the parent dies without a signal, its end of our stdin closes: stop then too.
process.stdin.on('end', stop);
process.stdin.resume();
