/**
 * Imported first by `npm start` and `npm run demo`: Node's deprecation warning DEP0111 for
 * process.binding('http_parser'), which restify's dependency http-deceiver (through spdy) sets
 * off when it loads, tells a newcomer nothing they can act on (issue 15 item 6). That one warning
 * is left out; every other warning is printed as Node prints it.
 */
const known = (warning: Error & { code?: string }): boolean => warning.code === 'DEP0111' && /http_parser/.test(warning.message);

const printers = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning: Error & { code?: string }) => {
  if (known(warning)) return;
  if (printers.length > 0) for (const print of printers) print(warning);
  else process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

export {};
