import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The benchmarks are not run by `npm test` (they take minutes and the machine's cores), but they
 * must not rot: every `npm run bench:*` script is a file the strict typecheck of `npm test`
 * (`tsc --noEmit`, tsconfig.json) compiles, with its support code. A benchmark left out of the
 * tsconfig, or a script pointing at a file that is gone, fails here.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function benchScripts(): Array<[string, string]> {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return Object.entries(scripts).filter(([name]) => name.startsWith('bench:'));
}

let checked: Set<string> | undefined;

/** The files `tsc --noEmit` compiles with tsconfig.json. */
function typechecked(): Set<string> {
  if (checked) return checked;
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  checked = new Set(parsed.fileNames.map((f) => resolve(f)));
  return checked;
}

describe('benchmarks (npm run bench:*) are typechecked by npm test', () => {
  it('includes the benchmarks of issue 16', () => {
    expect(benchScripts().map(([name]) => name)).toEqual(expect.arrayContaining(['bench:input', 'bench:passes', 'bench:turns', 'bench:cluster']));
  });

  it.each(benchScripts())('%s runs a file tsc checks', (_name, command) => {
    const file = /^tsx (bench\/\S+\.ts)(\s|$)/.exec(command)?.[1];
    expect(file, command).toBeDefined();
    expect(typechecked().has(resolve(root, file ?? ''))).toBe(true);
  });

  it('covers the benchmarks\' support code', () => {
    const files = [...typechecked()].filter((f) => f.startsWith(resolve(root, 'bench', 'support')));
    expect(files.map((f) => f.slice(resolve(root, 'bench').length + 1)).sort()).toEqual(expect.arrayContaining(['support/bot-process.ts', 'support/cluster.ts', 'support/processes.ts']));
  });
});
