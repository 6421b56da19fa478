/**
 * The packages the production build loads: every module reachable from the entry points through
 * static and dynamic imports (relative imports followed, `.js` read as the `.ts` beside it), and
 * the bare specifiers among them reduced to package names. `node dist/main.js` on a machine with
 * `npm ci --omit=dev` works only if each of these is a runtime dependency (package.json
 * "dependencies"); test/build/runtime-dependencies.test.ts checks it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const importPattern = /(?:^|[^.\w])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?:^|[^.\w])import\(\s*['"]([^'"]+)['"]\s*\)/gm;
const typeOnly = /^\s*(?:import|export)\s+type\s/;
const builtins = new Set(builtinModules);

export interface RuntimeGraph {
  /** Source files reached, relative to the root. */
  readonly files: readonly string[];
  /** Package name → the first file that imports it. */
  readonly packages: ReadonlyMap<string, string>;
}

export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && !candidate.endsWith('/')) return candidate;
  }
  return undefined;
}

export function runtimeGraph(root: string, entries: readonly string[]): RuntimeGraph {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2];
      if (!specifier) continue;
      // `import type` disappears from the emitted JavaScript.
      if (typeOnly.test(match[0].replace(/^[^ie]*/, ''))) continue;
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (!target) throw new Error(`${relative(root, file)} imports ${specifier}, which does not exist`);
        queue.push(target);
      } else if (!specifier.startsWith('node:') && !builtins.has(specifier)) {
        const name = packageName(specifier);
        if (!packages.has(name)) packages.set(name, relative(root, file));
      }
    }
  }
  return { files: [...seen].map((f) => relative(root, f)).sort(), packages };
}
