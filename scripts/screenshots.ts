/**
 * `npm run screenshots`: the README's pictures of the tab (issue 13), one per view, taken in
 * headless Chromium through the local Teams-like host on the same stack and lived-in year the
 * browser tests use (test/support/tab-world.ts), and written to docs/screenshots. Run it after
 * changing how the tab looks; the tests never write these files.
 *
 * Chromium is found as the tests find it (CHROMIUM_PATH, the system's, or the @sparticuz/chromium
 * npm package); nothing is downloaded.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../test/support/browser.js';
import { chromiumFlags } from '../test/support/npm-start.js';
import { openTab, type OpenedTab, type OpenOptions } from '../test/support/tab-browser.js';
import { startTabWorld, stopTabWorld } from '../test/support/tab-world.js';

export const SCREENSHOTS_DIR = 'docs/screenshots';

interface Shot {
  /** The file's name, without .png. */
  readonly name: string;
  readonly person: string;
  readonly options: OpenOptions;
  /** What to do in the tab before the picture; resolves when what it shows is on screen. */
  readonly prepare: (o: OpenedTab) => Promise<void>;
}

const shots: readonly Shot[] = [
  {
    name: 'tab-my-supervision-teams',
    person: 'sw1',
    options: { host: 'teams' },
    prepare: async ({ tab }) => {
      await tab.getByRole('heading', { name: 'Next sessions' }).waitFor();
      await tab.getByRole('button', { name: /Read and sign/ }).waitFor();
    },
  },
  {
    name: 'tab-record-to-sign',
    person: 'sw1',
    options: { host: 'teams' },
    prepare: async ({ tab }) => {
      await tab.getByRole('button', { name: /Read and sign/ }).click();
      await tab.getByRole('dialog').getByRole('button', { name: 'Sign the record' }).waitFor();
    },
  },
  {
    name: 'tab-my-supervision-outlook-dark',
    person: 'sw1',
    options: { host: 'outlook', theme: 'dark', width: 1024 },
    prepare: async ({ tab }) => {
      await tab.getByRole('heading', { name: 'The year at a glance' }).waitFor();
      await tab.locator('[data-theme="dark"]').waitFor();
    },
  },
  {
    name: 'tab-my-team',
    person: 'tm1',
    options: { host: 'teams' },
    prepare: async ({ tab }) => {
      await tab.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'My team' }).click();
      await tab.getByRole('region', { name: 'Year view, people by week' }).waitFor();
    },
  },
  {
    name: 'tab-my-service',
    person: 'sm1',
    options: { host: 'teams' },
    prepare: async ({ tab }) => {
      await tab.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'My service' }).click();
      await tab.getByRole('table', { name: 'Trend by month' }).waitFor();
      await tab.locator('svg[aria-label*="Per cent on time"]').first().waitFor();
    },
  },
  {
    name: 'tab-meeting-side-panel',
    person: 'sw1',
    options: { host: 'teams', frame: 'sidePanel', width: 800 },
    prepare: async ({ tab }) => {
      await tab.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
      await tab.getByText('Training plan for the year').waitFor();
    },
  },
];

async function main(): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const world = await startTabWorld();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: (await findChromium()).executablePath, args: chromiumFlags });
    for (const shot of shots) {
      const opened = await openTab(browser, world.url, shot.person, shot.options);
      try {
        await shot.prepare(opened);
        // Let the last paint (a chart's animation, a dialog's entrance) settle.
        await opened.page.waitForTimeout(500);
        const path = join(SCREENSHOTS_DIR, `${shot.name}.png`);
        await opened.page.screenshot({ path });
        process.stdout.write(`✓ ${path}\n`);
      } finally {
        await opened.page.close();
      }
    }
  } finally {
    await browser?.close();
    await stopTabWorld(world);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
