import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedMilestone } from '../../src/domain/milestones/types.js';
import { findChromium } from '../support/browser.js';
import { chromiumFlags } from '../support/npm-start.js';
import { openTab, seriousViolations, type OpenedTab } from '../support/tab-browser.js';
import { useTabWorld } from '../support/tab-world.js';

/**
 * Issue 14 item 1 in headless Chromium through the local Teams-like host: "Each gets a short
 * record card (and a form in the tab) to record that it happened and its outcome, signed like a
 * supervision record". The supervisor records a direct observation of practice (Sefton ¶4.6
 * (L140): at least annually) from the tab — the card's own refusal first, in plain words — signs
 * and shares it; the supervisee reads it and signs it in the tab (Sefton ¶6.2 (L228) signed by
 * both), and it is final. No serious or critical accessibility violation on the form.
 */
const world = useTabWorld();
let browser: Browser;
let observation: PlannedMilestone;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: (await findChromium()).executablePath, args: chromiumFlags });
  for (const path of ['/tab/app.js', '/host/host.js']) expect((await fetch(`${world().url}${path}`)).status).toBe(200);
  const { main } = world().seeded;
  const start = new Date(Math.floor((Date.now() - 3 * 86_400_000) / 3_600_000) * 3_600_000);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  observation = {
    milestoneId: `${main.agreementId}-m-direct-observation-browser`, agreementId: main.agreementId, kind: 'direct-observation', subject: 'browser',
    label: 'Direct observation of practice', due: iso(new Date(Date.now() + 30 * 86_400_000)).slice(0, 10), date: iso(start).slice(0, 10), start: '10:00', minutes: 60,
    startUtc: iso(start), endUtc: iso(new Date(start.getTime() + 3_600_000)), rule: 'SE-D9 Sefton ¶4.6; App 2 (L140, L470)',
    format: { kind: 'in-person', location: 'Town Hall, room 4' }, status: 'booked',
  };
  await world().repos.milestones.create(observation);
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

async function closing<T>(opened: Promise<OpenedTab>, body: (o: OpenedTab) => Promise<T>): Promise<T> {
  const o = await opened;
  try {
    return await body(o);
  } finally {
    await o.page.close();
  }
}

describe('reviews and milestones in the tab (issue 14 item 1)', () => {
  it('the supervisor records a direct observation from the tab, the supervisee signs it there, and it is final', async () => {
    const w = world();
    await closing(openTab(browser, w.url, 'tm1', { host: 'teams' }), async ({ tab }) => {
      await tab.getByRole('heading', { name: 'Reviews and milestones' }).waitFor();
      await tab.getByRole('button', { name: /^Record it: Direct observation of practice/ }).click();
      const dialog = tab.getByRole('dialog');
      await dialog.getByLabel(/The day it took place/).waitFor();
      await dialog.getByText('Why?').click();
      await dialog.getByText(/Direct Observation of Practice will be undertaken/).waitFor();
      expect(await seriousViolations(tab)).toEqual([]);
      // The card's own check, in its words: the outcome is missing.
      await dialog.getByRole('button', { name: /^Sign and share with / }).click();
      await dialog.getByText('Say what the outcome was.').waitFor();
      await dialog.getByText('Please fix the field marked below.').waitFor();
      await dialog.getByLabel(/Outcome/).fill('Observed a home visit; feedback given on direct work with the child.');
      await dialog.getByRole('button', { name: /^Sign and share with / }).click();
      await dialog.getByText(/^Recorded(, signed and shared with| and signed)/).waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await tab.getByRole('button', { name: /^Record it: Direct observation/ }).waitFor({ state: 'detached' });
    });
    const shared = await w.repos.records.require(observation.agreementId, observation.milestoneId);
    expect(shared.status).toBe('shared');
    expect(shared.versions[0]?.content.milestone).toMatchObject({ heldOn: observation.date, outcome: 'Observed a home visit; feedback given on direct work with the child.' });
    expect(shared.versions[0]?.supervisorSignature.signerId).toBe(w.person('tm1').id);
    expect((await w.repos.milestones.get(observation.agreementId, observation.milestoneId))?.status).toBe('held');

    await closing(openTab(browser, w.url, 'sw1', { host: 'outlook' }), async ({ tab }) => {
      await tab.getByRole('heading', { name: 'Reviews and milestones' }).waitFor();
      await tab.getByRole('button', { name: /^Read and sign: Direct observation of practice/ }).click();
      const dialog = tab.getByRole('dialog');
      await dialog.getByText('Observed a home visit; feedback given on direct work with the child.').waitFor();
      await dialog.getByRole('heading', { name: /^Direct observation of practice record, / }).waitFor();
      await dialog.getByText(/^Took place on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}\.$/).waitFor();
      expect(await seriousViolations(tab)).toEqual([]);
      await dialog.getByRole('button', { name: 'Sign the record' }).click();
      await dialog.getByText(/^Signed\./).waitFor();
    });
    const signed = await w.repos.records.require(observation.agreementId, observation.milestoneId);
    expect(['final', 'filed']).toContain(signed.status);
    expect(signed.versions.at(-1)?.superviseeSignature?.signerId).toBe(w.person('sw1').id);
  }, 300_000);
});
