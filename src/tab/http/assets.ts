import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The tab's browser code (React, Fluent UI and teams-js, bundled; nothing is fetched from a CDN).
 * `npm start` and the tests bundle it in memory at first use (src/tab/build/esbuild-assets.ts);
 * a deployment serves the files `npm run build:tab` wrote.
 */
export interface TabAssets {
  /** The file's bytes, or undefined when there is no such asset. */
  get(name: string): Promise<Buffer | undefined>;
}

/** Files written by `npm run build:tab` (dist/tab-web by default). */
export function fileAssets(dir: string): TabAssets {
  return {
    async get(name) {
      if (!/^[a-z0-9-]+\.js$/.test(name)) return undefined;
      return readFile(join(dir, name)).catch(() => undefined);
    },
  };
}
