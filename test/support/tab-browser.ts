import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Frame, Page } from 'playwright-core';

/**
 * The tab opened in headless Chromium through the local Teams-like host (issue 13), as the
 * browser tests and `npm run screenshots` open it. Every request that leaves this machine is
 * refused, so the tab is shown working without teams-js's CDN (its list of valid origins) or any
 * other outside resource.
 */
export type HostKind = 'teams' | 'outlook' | 'office';
export type FrameKind = 'content' | 'sidePanel';
export type ThemeKind = 'default' | 'dark' | 'contrast';

export interface OpenedTab {
  readonly page: Page;
  readonly tab: Frame;
  /** Requests to anywhere but this machine, each refused. */
  readonly outside: string[];
}

export interface OpenOptions {
  readonly host: HostKind;
  readonly frame?: FrameKind;
  readonly theme?: ThemeKind;
  /** The browser window's width; the host's side panel is 320 px wide whatever the window. */
  readonly width?: number;
  readonly height?: number;
}

const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

export async function openTab(browser: Browser, baseUrl: string, person: string, options: OpenOptions): Promise<OpenedTab> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 1000 } });
  page.setDefaultTimeout(60_000);
  const outside: string[] = [];
  await page.route(
    (url) => !loopback.test(url.href),
    async (route) => {
      outside.push(route.request().url());
      await route.abort('internetdisconnected');
    },
  );
  const query = new URLSearchParams({ person, host: options.host, frame: options.frame ?? 'content', theme: options.theme ?? 'default' });
  await page.goto(`${baseUrl}/host?${query.toString()}`);
  await page.frameLocator('#tab').locator('main h1').first().waitFor({ timeout: 90_000 });
  const tab = page.frames().find((f) => f.url().includes('/tab/'));
  if (!tab) throw new Error('the tab frame did not load');
  return { page, tab, outside };
}

let axeSource: string | undefined;

/** axe-core's serious and critical violations on the tab's page, each as "rule (impact): targets". */
export async function seriousViolations(tab: Frame): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await tab.evaluate(axeSource);
  // A string, not a function: the tests are compiled without the DOM's types.
  const results = await tab.evaluate<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }>(`axe.run(document, { resultTypes: ['violations'] })`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

/** The page's background colour as the browser computes it (the FluentProvider's). */
export async function backgroundOf(tab: Frame): Promise<string> {
  return tab.evaluate<string>(`getComputedStyle(document.querySelector('[data-theme]')).backgroundColor`);
}

/** The document's width and how wide its content is: content wider than the frame scrolls sideways. */
export async function widthsOf(tab: Frame): Promise<{ scroll: number; client: number }> {
  return tab.evaluate<{ scroll: number; client: number }>('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
}
