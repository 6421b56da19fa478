/**
 * `npm run build:tab`: the tab's browser code bundled to dist/tab-web (app.js), which a deployment
 * serves at /tab/app.js (src/tab/http/assets.ts fileAssets). `npm start` and the tests bundle it in
 * memory instead. Nothing is downloaded: React, Fluent UI and teams-js come from node_modules.
 */
import { writeAssets } from '../../src/tab/build/esbuild-assets.js';

export const TAB_WEB_DIR = 'dist/tab-web';

if (process.argv[1]?.endsWith('tab.ts')) {
  writeAssets(TAB_WEB_DIR).then(
    (files) => process.stdout.write(`✓ ${TAB_WEB_DIR}: ${files.join(', ')}\n`),
    (error: unknown) => {
      process.stderr.write(`✗ ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
