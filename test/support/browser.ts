import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Which Chromium the browser tests drive, found without apt and never downloaded at run time:
 * 1. `CHROMIUM_PATH` — a path to a Chromium, or `bundled` to force the npm one;
 * 2. a system chromium / chromium-browser / google-chrome on PATH (Debian's package, say);
 * 3. the Chromium inside the `@sparticuz/chromium` npm package (installed by `npm ci`; it is
 *    unpacked from node_modules into the temporary folder, nothing is fetched).
 */
export interface ChromiumChoice {
  readonly executablePath: string;
  readonly source: 'CHROMIUM_PATH' | 'system' | 'npm';
}

const systemNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` on `searchPath` (PATH's syntax), if any. */
export function findOnPath(names: readonly string[], searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumChoice> {
  const wanted = env['CHROMIUM_PATH']?.trim();
  if (wanted && wanted !== 'bundled') {
    if (!executable(wanted)) throw new Error(`CHROMIUM_PATH is ${wanted}, which is not an executable file; unset it to use the system's or the npm Chromium, or set it to "bundled"`);
    return { executablePath: wanted, source: 'CHROMIUM_PATH' };
  }
  if (!wanted) {
    const system = findOnPath(systemNames, env['PATH'] ?? '');
    if (system) return { executablePath: system, source: 'system' };
  }
  const { default: Chromium } = await import('@sparticuz/chromium');
  // No WebGL needed: skipping the graphics stack saves unpacking SwiftShader.
  Chromium.setGraphicsMode = false;
  return { executablePath: await Chromium.executablePath(), source: 'npm' };
}
