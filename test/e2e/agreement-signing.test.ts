import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { npmStart, usePlaygroundBrowser } from '../support/npm-start.js';

/**
 * Issue 4 item 9, end to end in the Agents Playground: a team manager drafts the agreement, the
 * supervisee signs, the supervisor signs, and the year is booked — three runs of `npm start` as
 * three people, sharing one data folder as a council's tenant would share one store.
 */
const { dataDir, browser } = usePlaygroundBrowser('supervision-signing-');

async function as<T>(alias: string, run: (page: Page, say: (text: string) => Promise<void>) => Promise<T>): Promise<T> {
  const start = await npmStart({ DATA_DIR: dataDir, SANDBOX_PERSON: alias });
  const page = await browser().newPage({ viewport: { width: 1280, height: 2000 } });
  try {
    await page.goto(start.url, { waitUntil: 'load' });
    const box = page.getByRole('textbox').first();
    await box.waitFor({ timeout: 30_000 });
    await page.getByText(/Hello /).first().waitFor({ timeout: 30_000 });
    const say = async (text: string) => {
      await box.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    return await run(page, say);
  } catch (error) {
    await page.screenshot({ path: `test-results/signing-${alias}-error.png`, fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await page.close();
    await start.stop();
  }
}

describe('signing the agreement in the Playground books the year', () => {
  it('tm1 drafts, sw1 signs, tm1 signs, and the confirmation lists every meeting with its Teams link', async () => {
    await as('tm1', async (page, say) => {
      await say('new agreement');
      const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'New supervision agreement' }).last();
      await form.waitFor({ timeout: 30_000 });
      await form.getByRole('combobox').first().click();
      await page.getByRole('option', { name: /Amara Fellgate/ }).first().click();
      await form.locator('textarea').first().fill('Assessments and duty');
      await form.getByRole('button', { name: 'Send to the supervisee' }).click();
      await page.getByText(/could not reach Amara|Sent to Amara/).first().waitFor({ timeout: 30_000 });
    });

    await as('sw1', async (page) => {
      const review = page.getByRole('button', { name: 'Review the agreement' }).first();
      await review.waitFor({ timeout: 30_000 });
      await review.click();
      const sign = page.getByRole('button', { name: 'I agree and sign' }).first();
      await sign.waitFor({ timeout: 30_000 });
      await sign.click();
      await page.getByText(/^Signed\./).first().waitFor({ timeout: 30_000 });
    });

    const links = await as('tm1', async (page, say) => {
      await say('my agreement');
      const sign = page.getByRole('button', { name: 'Sign and book the year' }).first();
      await sign.waitFor({ timeout: 30_000 });
      await sign.click();
      await page.getByText('Your year of supervision is booked').first().waitFor({ timeout: 90_000 });
      await page.screenshot({ path: 'test-results/signing-booked.png', fullPage: true });
      const confirmation = page.locator('.ac-adaptiveCard').filter({ hasText: 'Your year of supervision is booked' }).last();
      return confirmation.getByRole('link').count();
    });
    // Sefton ¶3.8 (L90): monthly, so at least twelve meetings, each with its Teams link.
    expect(links).toBeGreaterThanOrEqual(12);
  }, 420_000);
});
