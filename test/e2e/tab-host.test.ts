import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../support/browser.js';
import { chromiumFlags } from '../support/npm-start.js';
import { backgroundOf, openTab, seriousViolations, widthsOf, type OpenedTab } from '../support/tab-browser.js';
import { useTabWorld } from '../support/tab-world.js';

/**
 * Issue 13 "Done when", in headless Chromium through the local Teams-like host (the one `npm
 * start` serves), on one stack and one browser for the whole file: a supervisee, a supervisor and
 * a senior manager each see their own view in the Teams host, the Outlook host and the meeting
 * side panel; the supervisee edits the agenda and signs a record from the tab; axe-core finds no
 * serious or critical violation; the theme follows the host (default, dark, high contrast, and
 * its changes); the side panel is usable at 320 px. Every request leaving this machine is
 * refused, teams-js's request to its CDN for valid origins included: nothing depends on it.
 * (The README's screenshots come from `npm run screenshots`, not from here.)
 */
const world = useTabWorld();
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: (await findChromium()).executablePath, args: chromiumFlags });
  // The first request bundles the tab and the host (or reads them from the cache): before any page waits on them.
  for (const path of ['/tab/app.js', '/host/host.js']) expect((await fetch(`${world().url}${path}`)).status).toBe(200);
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

const open = (person: string, options: Parameters<typeof openTab>[3]) => openTab(browser, world().url, person, options);

async function closing<T>(opened: Promise<OpenedTab>, body: (o: OpenedTab) => Promise<T>): Promise<T> {
  const o = await opened;
  try {
    return await body(o);
  } finally {
    await o.page.close();
  }
}

/** Only teams-js's CDN may have been asked for anything outside this machine (and it was refused). */
function onlyTheCdnOutside(o: OpenedTab): void {
  expect(o.outside.filter((u) => !/^https:\/\/res\.cdn\.office\.net\//.test(u))).toEqual([]);
}

/** Record content the seed wrote: the chain above the two parties must never see it. */
const RECORD_TEXT = 'Caseload, wellbeing and training were discussed.';

describe('the tab through the local Teams-like host (issue 13)', () => {
  it('the supervisee sees My supervision in Teams: sessions, agenda, actions, the record waiting, the year; no serious accessibility violation', async () => {
    const w = world();
    await closing(open('sw1', { host: 'teams' }), async (o) => {
      const { tab } = o;
      await tab.getByRole('heading', { name: 'My supervision', level: 1 }).waitFor();
      await tab.getByText(`${w.person('sw1').displayName}, Social Worker`).first().waitFor();
      await tab.getByText('in Teams').first().waitFor();
      await tab.getByRole('heading', { name: 'Next sessions' }).waitFor();
      await tab.getByRole('link', { name: 'Join the Teams meeting' }).first().waitFor();
      await tab.getByText('Training plan for the year').waitFor();
      await tab.getByRole('button', { name: /Read and sign/ }).waitFor();
      await tab.getByText(/^Held: \d+/).waitFor();
      // A supervisee has no team or service view.
      expect(await tab.getByRole('navigation', { name: 'Views' }).count()).toBe(0);
      expect(await seriousViolations(tab)).toEqual([]);
      onlyTheCdnOutside(o);
    });
  }, 180_000);

  it("the supervisee edits the agenda from the tab (by keyboard), a name is refused with the policy's reason, and the record is signed", async () => {
    const w = world();
    await closing(open('sw1', { host: 'teams' }), async (o) => {
      const { tab, page } = o;
      const item = tab.getByLabel('Add an item');
      await item.click();
      await page.keyboard.type('Caseload pressures this month');
      await page.keyboard.press('Enter');
      await tab.getByText(/Added as item \d+\./).waitFor();
      await tab.getByText('Caseload pressures this month').waitFor();

      await item.fill('Talk about Jayden Smith');
      await tab.getByLabel(/Case reference/).fill('1234567');
      await tab.getByRole('button', { name: 'Add to the agenda' }).click();
      await tab.getByText(/looks like a person's name/).waitFor();
      await tab.getByText('Why?').click();
      expect((await tab.locator('blockquote').first().innerText()).length).toBeGreaterThan(10);
      const agenda = await w.repos.records.agenda(w.seeded.main.agreementId, w.seeded.main.nextSessionId);
      expect(agenda?.items.map((i) => i.text)).toContain('Caseload pressures this month');
      expect(agenda?.items.map((i) => i.text).join(' ')).not.toContain('Jayden');

      await tab.getByRole('button', { name: /Read and sign/ }).click();
      const dialog = tab.getByRole('dialog');
      await dialog.getByText(RECORD_TEXT).waitFor();
      expect(await seriousViolations(tab)).toEqual([]);
      await dialog.getByRole('button', { name: 'Sign the record' }).click();
      await dialog.getByText(/^Signed\./).waitFor();
      const record = await w.repos.records.require(w.seeded.main.agreementId, w.seeded.main.sharedSessionId);
      expect(['final', 'filed']).toContain(record.status);
      expect(record.versions.at(-1)?.superviseeSignature?.signerId).toBe(w.person('sw1').id);
    });
  }, 180_000);

  it('the supervisee in Outlook: the same app, the host read from teams-js; the theme follows the host (default, dark, high contrast) as it changes, with no serious violation in any', async () => {
    await closing(open('sw1', { host: 'outlook' }), async (o) => {
      const { tab, page } = o;
      await tab.getByRole('heading', { name: 'My supervision', level: 1 }).waitFor();
      await tab.getByText('in Outlook').first().waitFor();
      await tab.getByRole('heading', { name: 'Next sessions' }).waitFor();
      await tab.getByRole('heading', { name: 'The year at a glance' }).waitFor();
      await tab.locator('[data-theme="default"]').waitFor();
      const light = await backgroundOf(tab);
      expect(light).toBe('rgb(255, 255, 255)');

      await page.selectOption('#theme', 'dark');
      await tab.locator('[data-theme="dark"]').waitFor();
      const dark = await backgroundOf(tab);
      expect(dark).not.toBe(light);
      expect(await seriousViolations(tab)).toEqual([]);

      await page.selectOption('#theme', 'contrast');
      await tab.locator('[data-theme="contrast"]').waitFor();
      expect(await backgroundOf(tab)).toBe('rgb(0, 0, 0)');
      expect(await seriousViolations(tab)).toEqual([]);

      await page.selectOption('#theme', 'default');
      await tab.locator('[data-theme="default"]').waitFor();
      expect(await backgroundOf(tab)).toBe(light);
      onlyTheCdnOutside(o);
    });
  }, 180_000);

  it('the supervisor sees My team (statuses, the year view, drill-in) in Teams, and in Outlook opened in the dark theme', async () => {
    const w = world();
    for (const host of ['teams', 'outlook'] as const) {
      await closing(open('tm1', { host, theme: host === 'outlook' ? 'dark' : 'default' }), async (o) => {
        const { tab } = o;
        await tab.getByText(`in ${host === 'teams' ? 'Teams' : 'Outlook'}`).first().waitFor();
        const views = tab.getByRole('navigation', { name: 'Views' });
        if (host === 'teams') {
          // By keyboard: from the current view's button, Tab to the next and press Enter.
          await views.getByRole('button', { name: 'My supervision' }).focus();
          await o.page.keyboard.press('Tab');
          await o.page.keyboard.press('Enter');
        } else {
          await views.getByRole('button', { name: 'My team' }).click();
        }
        await tab.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
        expect(await views.getByRole('button', { name: 'My team' }).getAttribute('aria-current')).toBe('page');
        const table = tab.getByRole('table', { name: 'Your supervisees' });
        await table.getByText(w.person('sw1').displayName).waitFor();
        await tab.getByRole('region', { name: 'Year view, people by week' }).waitFor();
        expect(await seriousViolations(tab)).toEqual([]);
        if (host === 'outlook') {
          // The host's theme at load, from getContext, before any change.
          await tab.locator('[data-theme="dark"]').waitFor();
        } else {
          await tab.getByRole('button', { name: `See ${w.person('sw1').displayName}'s year` }).click();
          await tab.getByRole('heading', { name: `${w.person('sw1').displayName}: the year` }).waitFor();
          expect(await tab.getByText('Held').count()).toBeGreaterThan(0);
        }
        expect(await tab.locator('body').innerText()).not.toContain(RECORD_TEXT);
      });
    }
  }, 240_000);

  it('the senior manager sees My service (counts, trend chart, teams, CSV) in Teams, Outlook and the Microsoft 365 app, and no record content', async () => {
    const w = world();
    for (const host of ['teams', 'outlook', 'office'] as const) {
      await closing(open('sm1', { host }), async (o) => {
        const { tab } = o;
        await tab.getByText(`in ${{ teams: 'Teams', outlook: 'Outlook', office: 'Office' }[host]}`).first().waitFor();
        await tab.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'My service' }).click();
        await tab.getByRole('heading', { name: 'My service', level: 1 }).waitFor();
        await tab.getByRole('table', { name: 'Teams' }).getByText(w.person('tm1').displayName).waitFor();
        await tab.getByRole('table', { name: 'Trend by month' }).waitFor();
        // The chart, named for assistive technology, drawn by @fluentui/react-charts.
        await tab.locator('svg[aria-label*="Per cent on time, by month"]').first().waitFor({ state: 'attached' });
        if (host === 'teams') {
          expect(await seriousViolations(tab)).toEqual([]);
          const download = o.page.waitForEvent('download');
          await tab.getByRole('button', { name: 'Download the report (CSV)' }).click();
          expect((await download).suggestedFilename()).toMatch(/^supervision-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
        }
        expect(await tab.locator('body').innerText()).not.toContain(RECORD_TEXT);
      });
    }
  }, 240_000);

  it('the meeting side panel at 320 px: the supervisee and the supervisor see the agenda, only the supervisor can start the record, a senior manager sees nothing of it; nothing overflows', async () => {
    const w = world();
    for (const alias of ['sw1', 'tm1', 'sm1'] as const) {
      await closing(open(alias, { host: 'teams', frame: 'sidePanel', width: 800 }), async (o) => {
        const { tab } = o;
        if (alias === 'sm1') {
          // Not a party to any supervision meeting of theirs now: a plain sentence, no agenda.
          await tab.getByText('There is no supervision session booked for this meeting now.').waitFor();
          expect(await tab.getByRole('heading', { name: 'Agenda', exact: true }).count()).toBe(0);
          expect(await tab.locator('body').innerText()).not.toContain('Training plan for the year');
        } else {
          // Without a configured agreement the panel shows the person's session now or next: for
          // tm1, one of the two supervisions booked at the same hour.
          const title = alias === 'sw1' ? `Supervision: ${w.person('sw1').displayName} with ${w.person('tm1').displayName}` : new RegExp(`^Supervision: .+ with ${w.person('tm1').displayName}$`);
          await tab.getByRole('heading', { name: title }).waitFor();
          await tab.getByRole('heading', { name: 'Agenda', exact: true }).waitFor();
          if (alias === 'sw1') {
            await tab.getByText('Training plan for the year').waitFor();
            await tab.getByRole('heading', { name: 'Open actions carried into this agenda' }).waitFor();
          }
          await tab.getByLabel('Add an item').waitFor();
        }
        const widths = await widthsOf(tab);
        expect(widths.client).toBeLessThanOrEqual(320);
        expect(widths.scroll).toBeLessThanOrEqual(widths.client);
        expect(await tab.getByRole('button', { name: 'Start the record' }).count()).toBe(alias === 'tm1' ? 1 : 0);
        expect(await seriousViolations(tab)).toEqual([]);
        onlyTheCdnOutside(o);
      });
    }
  }, 240_000);

  it('outside a Microsoft 365 host the tab says where to open it', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${world().url}/tab/personal`);
      await page.getByText('Open Supervision Assistant in Teams, Outlook or the Microsoft 365 app').waitFor({ timeout: 30_000 });
    } finally {
      await page.close();
    }
  }, 60_000);
});
