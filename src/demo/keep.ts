import type { DemoStack } from './stack.js';

/** `npm run demo` options: `--keep` leaves the stack running after the tour (issue 15 item 6). */
export function demoOptions(args: readonly string[]): { keep: boolean } | { error: string } {
  const unknown = args.filter((a) => a !== '--keep');
  if (unknown.length > 0) return { error: `npm run demo: unknown option ${unknown.join(' ')}; the only option is --keep (leave the sandbox running after the tour).` };
  return { keep: args.includes('--keep') };
}

/** Where a person can look at what the tour did, while the stack keeps running. */
export function keptAddresses(stack: Pick<DemoStack, 'app' | 'tenant'>): string[] {
  return [
    '',
    'The tour is over and the sandbox keeps running, so you can look at what it did:',
    `  Sandbox tenant (the calendars, the SharePoint files, everyone's Teams chat with the bot): ${stack.tenant.url}/_sandbox/`,
    `  Bot health: ${stack.app.server.url}/healthz`,
    '  Nothing is kept after it stops. Press Ctrl-C to stop.',
  ];
}

/** Prints the addresses, then waits until `stopped` settles (Ctrl-C in `npm run demo -- --keep`). */
export async function keepUntilStopped(stack: Pick<DemoStack, 'app' | 'tenant'>, write: (line: string) => void, stopped: Promise<unknown>): Promise<void> {
  for (const line of keptAddresses(stack)) write(line);
  await stopped;
}
