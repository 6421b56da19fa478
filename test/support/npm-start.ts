import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { findChromium } from './browser.js';

/** `npm start` as a person runs it, in its own process group so the test can stop all of it. */
export interface RunningStart {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function npmStart(env: Record<string, string>, timeoutMs = 120_000): Promise<RunningStart> {
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    // An empty council unless a test asks for the lived-in one (its story takes a while to tell).
    env: { ...process.env, PORT: '0', PLAYGROUND_PORT: '0', LOG_LEVEL: 'warn', SANDBOX_STORY: 'empty', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), s);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    signal('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) signal('SIGKILL');
  };
  const url = await new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+) in your browser/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`npm start did not become ready:\n${output.slice(-2000)}`));
      }
    }, 100);
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, output: () => output, stop };
}

/**
 * A Chromium found by findChromium (CHROMIUM_PATH, the system's, or the npm package's; never a
 * downloaded browser) and a data folder of its own for one e2e file,
 * both cleaned up after the file's tests.
 */
export function usePlaygroundBrowser(prefix: string): { readonly dataDir: string; browser(): Browser } {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    browser = await chromium.launch({ executablePath: (await findChromium()).executablePath, args: chromiumFlags });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    browser() {
      if (!browser) throw new Error('the browser did not start');
      return browser;
    },
  };
}
