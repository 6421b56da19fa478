// A local ESLint rule: no import cycles between the project's own modules, type-only imports
// included (eslint-plugin-import-x's no-cycle skips `import type`, and a type cycle still ties
// the layers together). The graph is read from disk once per lint run (refreshed when a file
// changes), following relative specifiers only: `from '…'`, `import '…'` and `import('…')`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const specifierCache = new Map(); // file → { mtimeMs, specifiers }
const existsCache = new Map();

function exists(path) {
  let known = existsCache.get(path);
  if (known === undefined) existsCache.set(path, (known = existsSync(path)));
  return known;
}

/** `./x.js` in a .ts project means `./x.ts` (or a folder's index.ts). */
export function resolveSpecifier(fromFile, specifier, linted) {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, resolve(base, 'index.ts')];
  // The file being linted counts as existing even before it is saved (an editor, lintText).
  return candidates.find((c) => c.endsWith('.ts') && (c === linted || exists(c)));
}

function depsOf(file, linted) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  let known = specifierCache.get(file);
  if (!known || known.mtimeMs !== mtimeMs) {
    known = { mtimeMs, specifiers: [...new Set([...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => m[1]))] };
    specifierCache.set(file, known);
  }
  return [...new Set(known.specifiers.map((spec) => resolveSpecifier(file, spec, linted)).filter(Boolean))];
}

/** The path from `start` back to `target`, if there is one (depth-first, each module once). */
function pathBack(start, target) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, path] = stack.pop();
    if (file === target) return path;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dep of depsOf(file, target)) if (!seen.has(dep)) stack.push([dep, [...path, dep]]);
  }
  return undefined;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between project modules, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}. Move what both need into a module below them.' },
  },
  create(context) {
    const file = resolve(context.physicalFilename ?? context.filename);
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolveSpecifier(file, source, file);
      if (!target || target === file) return;
      const back = pathBack(target, file);
      if (!back) return;
      const root = context.cwd ?? process.cwd();
      context.report({ node, messageId: 'cycle', data: { path: [file, ...back].map((p) => relative(root, p)).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
