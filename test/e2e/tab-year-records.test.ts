import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import type { PlannedMilestone } from '../../src/domain/milestones/types.js';
import { dayInWords } from '../../src/domain/words/dates.js';
import { findChromium } from '../support/browser.js';
import { chromiumFlags } from '../support/npm-start.js';
import { openTab, seriousViolations, type OpenedTab } from '../support/tab-browser.js';
import { useTabWorld } from '../support/tab-world.js';

/**
 * Issue 14 items 1 and 2 in headless Chromium through the local Teams-like host: "Each gets a short
 * record card (and a form in the tab) to record that it happened and its outcome, signed like a
 * supervision record". The supervisor records a direct observation of practice (Sefton ¶4.6
 * (L140): at least annually) from the tab — the card's own refusal first, in plain words — signs
 * and shares it; the supervisee reads it and signs it in the tab (Sefton ¶6.2 (L228) signed by
 * both), and it is final. The supervisor writes a supervision record in the tab's record form
 * with a case discussion: the case's category as the pack names it, discussed (Sefton ¶7.1
 * (L235-L238) a case record every month for a child; Camden §6 (L122-L128) a cadence per
 * category). No serious or critical accessibility violation on either form.
 */
const world = useTabWorld();
let browser: Browser;
let observation: PlannedMilestone;
let caseSession: PlannedSession;

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

  // A session of tm1's second supervisee that took place, with a case on its agenda.
  const agreementId = world().seeded.second.agreementId;
  const agreement = await world().repos.agreements.get(agreementId);
  const sessions = await world().repos.agreements.sessions(agreementId);
  caseSession = sessions.filter((s) => s.endUtc < iso(new Date())).sort((a, b) => (a.startUtc < b.startUtc ? -1 : 1))[0]!;
  const by = { addedById: agreement!.terms.superviseeId, addedByRole: 'supervisee' as const, addedAt: iso(new Date()) };
  await world().repos.records.applyAgenda(agreementId, caseSession.sessionId, () => ({
    next: { agreementId, sessionId: caseSession.sessionId, preparation: [], updatedAt: iso(new Date()), items: [{ itemId: 'case-1', kind: 'case', text: 'Planning for the review conference', caseRef: 'LCS 1234567', ...by }] },
    result: undefined,
  }));
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

describe('the year in the tab: reviews and milestones, and case discussions on the record (issue 14 items 1-2)', () => {
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

  it('the supervisor writes a supervision record in the tab with a case discussion; a discussed case without its category is refused in the card\'s words', async () => {
    const w = world();
    const supervisee = (await w.repos.agreements.get(caseSession.agreementId))?.parties?.superviseeName ?? '';
    await closing(openTab(browser, w.url, 'tm1', { host: 'teams' }), async ({ tab }) => {
      await tab.getByRole('heading', { name: 'Records to write' }).waitFor();
      await tab.getByRole('button', { name: `Write the record: ${dayInWords(caseSession.date)} with ${supervisee}` }).click();
      await tab.getByRole('dialog').getByText('Planning for the review conference').waitFor();
      const dialog = tab.getByRole('dialog');
      expect(await seriousViolations(tab)).toEqual([]);
      for (const radio of await dialog.getByRole('radio', { name: 'Addressed', exact: true }).all()) await radio.check();
      await dialog.getByLabel('What was discussed').fill('Talked through the review conference plan.');
      await dialog.getByRole('radiogroup', { name: /^Were personal issues discussed/ }).getByRole('radio', { name: 'No', exact: true }).check();
      await dialog.getByLabel('Case LCS 1234567 was discussed at this session').check();
      await dialog.getByRole('button', { name: /^Sign and share with / }).click();
      await dialog.getByText('Choose the category of this case, so its next discussion is known.').waitFor();
      await dialog.getByLabel('Case category, case LCS 1234567').selectOption({ label: 'Child or young person under 18 (a case record every month)' });
      await dialog.getByRole('button', { name: /^Sign and share with / }).click();
      await dialog.getByText(/^Signed and (shared with|saved)/).waitFor();
    });
    const record = await w.repos.records.require(caseSession.agreementId, caseSession.sessionId);
    expect(record.status).toBe('shared');
    expect(record.versions[0]?.content.agendaItems).toEqual([{ text: 'Planning for the review conference', caseRef: 'LCS 1234567', category: 'child', discussed: true }]);
    expect(record.versions[0]?.content.discussion).toBe('Talked through the review conference plan.');
  }, 300_000);
});
