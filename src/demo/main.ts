/**
 * `npm run demo`: one whole supervision cycle, driven through the Bot Framework protocol against
 * the sandbox as the demo people would do it, then the SharePoint paths and the record's hash as
 * `name: value` lines. Read src/demo/tour.ts alongside: it is also a newcomer's tour.
 * `npm run demo -- --keep` leaves everything running afterwards, with the sandbox's address.
 */
import '../process-warnings.js';
import { demoOptions, keepUntilStopped } from './keep.js';
import { startDemoStack } from './stack.js';
import { runTour } from './tour.js';

async function main(): Promise<void> {
  const options = demoOptions(process.argv.slice(2));
  if ('error' in options) {
    process.stderr.write(`${options.error}\n`);
    process.exit(2);
  }
  const stack = await startDemoStack();
  try {
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const result = await runTour(stack, write);
    for (const [name, value] of Object.entries(result)) write(`${name}: ${value}`);
    if (options.keep) {
      await keepUntilStopped(stack, write, new Promise((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }));
      write('Stopping…');
    }
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
