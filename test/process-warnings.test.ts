import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Node's own output, with src/process-warnings.ts loaded first or not. */
function warningsOf(loadFirst: boolean): string {
  const module = JSON.stringify(resolve('src/process-warnings.ts'));
  const code = `${loadFirst ? `await import(${module});` : ''} process.binding('http_parser'); process.emitWarning('something else', { code: 'DEP0999', type: 'DeprecationWarning' }); setTimeout(() => {}, 20);`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
  return run.stderr;
}

describe('start-up warnings (issue 15 item 6)', () => {
  it("leaves out DEP0111 for process.binding('http_parser'), which restify's dependencies set off, and prints every other warning", () => {
    const without = warningsOf(false);
    expect(without).toMatch(/DEP0111/);
    const withIt = warningsOf(true);
    expect(withIt).not.toMatch(/DEP0111/);
    expect(withIt).toMatch(/DEP0999.*something else/);
  });
});
