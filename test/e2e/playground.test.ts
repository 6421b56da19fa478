import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmStart, usePlaygroundBrowser, type RunningStart } from '../support/npm-start.js';

/**
 * End to end: `npm start` as a person runs it (Azurite, sandbox tenant, bot, Agents Playground),
 * then Debian's Chromium drives the Playground: type `help`, see the card.
 */

let start: RunningStart | undefined;
const { dataDir, browser } = usePlaygroundBrowser('supervision-e2e-');

beforeAll(async () => {
  start = await npmStart({ DATA_DIR: dataDir, SANDBOX_PERSON: 'tm1' });
}, 180_000);

afterAll(async () => {
  await start?.stop();
}, 30_000);

describe('npm start, in the browser', () => {
  it('prints the address to open and who you are, then the Playground chats with the bot', async () => {
    const url = start!.url;
    const output = start!.output();
    expect(output).toMatch(/SANDBOX MODE: .*loopback/);
    expect(output).toMatch(/You are .+Team Manager.*\(tm1\)/);

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url!, { waitUntil: 'load' });
    const box = page.getByRole('textbox');
    await box.first().waitFor({ timeout: 30_000 });

    // The install greeting arrives first: a team manager is welcomed as a supervisor.
    await page.getByText('You supervise a team').first().waitFor({ timeout: 30_000 });

    await box.first().click();
    await page.keyboard.type('help');
    await page.keyboard.press('Enter');
    const heading = page.locator('.ac-adaptiveCard').getByText('What I can do');
    await heading.first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/playground-help.png' });
    expect(await page.locator('.ac-adaptiveCard').filter({ hasText: 'who am I' }).count()).toBeGreaterThan(0);
    await page.close();
  }, 240_000);

  // Issue 13: the same start prints the local Teams-like host's address for the tab (on this
  // file's stack rather than a second `npm start`), and that address shows the person's tab.
  it("prints the tab host's addresses (Teams, Outlook, a meeting's side panel), and the Teams one opens the person's tab", async () => {
    const output = start!.output();
    const teams = /Tab, as in Teams: (http:\/\/127\.0\.0\.1:\d+\/host\?person=tm1&host=teams&frame=content)/.exec(output)?.[1];
    expect(teams).toBeDefined();
    expect(output).toMatch(/Tab, as in Outlook: http:\/\/127\.0\.0\.1:\d+\/host\?person=tm1&host=outlook&frame=content; in a meeting's side panel: http:\/\/127\.0\.0\.1:\d+\/host\?person=tm1&host=teams&frame=sidePanel/);

    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(90_000);
    try {
      await page.route(/cdn\.office\.net/, (route) => route.abort());
      await page.goto(teams!, { timeout: 120_000 });
      const tab = page.frameLocator('#tab');
      await tab.getByRole('heading', { name: 'My supervision', level: 1 }).waitFor();
      await tab.getByText(/Team Manager/).first().waitFor();
      await tab.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'My team' }).click();
      await tab.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
    } finally {
      await page.close();
    }
  }, 240_000);

  it('the Playground is reachable on loopback only', async () => {
    const [, port] = /Open http:\/\/127\.0\.0\.1:(\d+)/.exec(start!.output()) ?? [];
    expect(port).toBeDefined();
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) {
      // No non-loopback interface on this machine: nothing else could reach the port anyway.
      expect(external).toBeUndefined();
      return;
    }
    await expect(fetch(`http://${external.address}:${port}/`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
  });
});
