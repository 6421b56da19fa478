/**
 * `npm run demo`: one whole supervision cycle, driven through the Bot Framework protocol against
 * the sandbox as the demo people would do it, then the SharePoint paths and the record's hash as
 * `name: value` lines. Read src/demo/tour.ts alongside: it is also a newcomer's tour.
 */
import { startDemoStack } from './stack.js';
import { runTour } from './tour.js';

async function main(): Promise<void> {
  const stack = await startDemoStack();
  try {
    const result = await runTour(stack, (line) => process.stdout.write(`${line}\n`));
    for (const [name, value] of Object.entries(result)) process.stdout.write(`${name}: ${value}\n`);
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
