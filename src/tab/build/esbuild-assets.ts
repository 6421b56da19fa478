/**
 * Bundles the tab's browser code with esbuild (a development dependency): in memory for `npm start`
 * and the tests, once per process at first request, or to files for a deployment
 * (`npm run build:tab`). Nothing is downloaded: React, Fluent UI and teams-js come from node_modules.
 *
 * A bundle takes several seconds on a small machine, so `npm start` and the tests keep the last one
 * in node_modules/.cache/supervision-tab with the SHA-256 of every file that went into it (esbuild's
 * metafile): it is used again only while every one of those files is unchanged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TabAssets } from '../http/assets.js';

/** Asset name → entry point. */
export const TAB_ENTRIES: Readonly<Record<string, string>> = { 'app.js': 'src/tab/web/main.tsx' };

const CACHE_DIR = 'node_modules/.cache/supervision-tab';

interface CacheManifest {
  readonly entry: string;
  readonly inputs: Readonly<Record<string, string>>;
}

const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

async function buildOne(entry: string, minify: boolean): Promise<{ bytes: Buffer; inputs: string[] }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { bytes: Buffer.from(file.contents), inputs: Object.keys(result.metafile.inputs) };
}

async function fromCache(name: string, entry: string): Promise<Buffer | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(CACHE_DIR, `${name}.json`), 'utf8')) as CacheManifest;
    if (manifest.entry !== entry) return undefined;
    for (const [path, hash] of Object.entries(manifest.inputs)) {
      if (sha256(await readFile(path)) !== hash) return undefined;
    }
    return await readFile(join(CACHE_DIR, name));
  } catch {
    return undefined;
  }
}

async function toCache(name: string, entry: string, bytes: Buffer, inputs: readonly string[]): Promise<void> {
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    const hashes: Record<string, string> = {};
    for (const path of inputs) hashes[path] = sha256(await readFile(path));
    // Written aside and renamed, so a test file building at the same moment never reads half a file.
    const tmp = `.${randomUUID()}`;
    await writeFile(join(CACHE_DIR, name + tmp), bytes);
    await rename(join(CACHE_DIR, name + tmp), join(CACHE_DIR, name));
    await writeFile(join(CACHE_DIR, `${name}.json${tmp}`), JSON.stringify({ entry, inputs: hashes } satisfies CacheManifest));
    await rename(join(CACHE_DIR, `${name}.json${tmp}`), join(CACHE_DIR, `${name}.json`));
  } catch {
    // A cache that cannot be written only costs the next start a bundle.
  }
}

/** Assets bundled on first use (or taken from the cache) and kept for the life of the process. */
export function esbuildAssets(entries: Readonly<Record<string, string>> = TAB_ENTRIES): TabAssets {
  const built = new Map<string, Promise<Buffer>>();
  return {
    async get(name) {
      const entry = entries[name];
      if (!entry) return undefined;
      let bytes = built.get(name);
      if (!bytes) {
        bytes = (async () => {
          const cached = await fromCache(name, entry);
          if (cached) return cached;
          const fresh = await buildOne(entry, true);
          await toCache(name, entry, fresh.bytes, fresh.inputs);
          return fresh.bytes;
        })();
        built.set(name, bytes);
        bytes.catch(() => built.delete(name));
      }
      return bytes;
    },
  };
}

/** `npm run build:tab`: the bundles as files, for a deployment to serve. */
export async function writeAssets(dir: string, entries: Readonly<Record<string, string>> = TAB_ENTRIES): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  for (const [name, entry] of Object.entries(entries)) await writeFile(join(dir, name), (await buildOne(entry, true)).bytes);
  return Object.keys(entries);
}
