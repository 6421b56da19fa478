import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import { AGREEMENT_PARTITION, agreementStore, listSessions, sessionStore } from '../../src/repositories/tables.js';
import { listPartition } from '../../src/repositories/tables.js';
import { BotDriver, type DemoUser } from '../../src/sandbox/bot-driver.js';
import { ConnectorChannel } from '../../src/sandbox/connector-channel.js';
import { agreeAndBook } from '../../src/demo/agreement.js';
import { npmStart, usePlaygroundBrowser, type RunningStart } from '../support/npm-start.js';

/**
 * Issue 5 "Done when", end to end in the Microsoft 365 Agents Playground: the supervisee prepares
 * the agenda, the supervisor records the session after it ends, both sign, and the signed PDF and
 * JSON sit in the employee's folder of the sandbox SharePoint site with their metadata and hash.
 *
 * Three runs of `npm start` sharing one data folder (as a council's people share one tenant):
 *  1. sw1: the agreement tm1 ↔ sw1 is made and signed over the Bot Framework protocol (the
 *     agreement-signing test covers that in the UI), then sw1 prepares the agenda in the Playground.
 *  2. tm1: the clock moves past the session's end + 15 minutes; tm1 fills the record card in the
 *     Playground and presses "Sign and share" (Sefton ¶6.2 (L228): signed by both).
 *  3. sw1: opens the record in the Playground, signs; the record is filed in SharePoint.
 */
const { dataDir, browser } = usePlaygroundBrowser('supervision-cycle-');

interface Run {
  readonly start: RunningStart;
  readonly botUrl: string;
  readonly tenantUrl: string;
}

function urlsOf(start: RunningStart): Run {
  const out = start.output();
  const botUrl = /Bot health: (http:\/\/127\.0\.0\.1:\d+)\/healthz/.exec(out)?.[1];
  const tenantUrl = /Sandbox tenant \(.*\): (http:\/\/127\.0\.0\.1:\d+)\/_sandbox\//.exec(out)?.[1];
  if (!botUrl || !tenantUrl) throw new Error(`npm start did not print the bot and tenant addresses:\n${out.slice(-1500)}`);
  return { start, botUrl, tenantUrl };
}

interface Chat {
  readonly page: Page;
  say(text: string): Promise<void>;
  /** The last Adaptive Card in the chat that contains `text`. */
  card(text: string | RegExp, timeoutMs?: number): Promise<Locator>;
}

/** One `npm start` as `alias`; `beforePage` runs against the bot before the Playground is opened. */
async function as<T>(alias: string, run: (chat: Chat, running: Run) => Promise<T>, beforePage?: (running: Run) => Promise<void>): Promise<T> {
  const start = await npmStart({ DATA_DIR: dataDir, SANDBOX_PERSON: alias });
  const running = urlsOf(start);
  let page: Page | undefined;
  try {
    await beforePage?.(running);
    page = await browser().newPage({ viewport: { width: 1280, height: 2400 } });
    const p = page;
    await p.goto(start.url, { waitUntil: 'load' });
    const box = p.getByRole('textbox').first();
    await box.waitFor({ timeout: 30_000 });
    await p.getByText(/Hello /).first().waitFor({ timeout: 30_000 });
    const chat: Chat = {
      page: p,
      say: async (text) => {
        await box.click();
        await p.keyboard.type(text);
        await p.keyboard.press('Enter');
      },
      card: async (text, timeoutMs = 30_000) => {
        const found = p.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
        await found.waitFor({ timeout: timeoutMs });
        return found;
      },
    };
    return await run(chat, running);
  } catch (error) {
    await page?.screenshot({ path: `test-results/session-cycle-${alias}-error.png`, fullPage: true }).catch(() => undefined);
    await page?.content().then((html) => writeFileSync(`test-results/session-cycle-${alias}-error.html`, html)).catch(() => undefined);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- npm start (${alias}) output, last lines ---\n${start.output().slice(-1500)}`, { cause: error });
  } finally {
    await page?.close();
    await start.stop();
  }
}

async function travelTo(botUrl: string, instant: string): Promise<void> {
  const res = await fetch(`${botUrl}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ travelTo: instant }) });
  expect(res.status, await res.clone().text()).toBe(200);
}

interface OrgPerson {
  readonly id: string;
  readonly alias: string;
  readonly displayName: string;
}

async function people(tenantUrl: string): Promise<Map<string, OrgPerson>> {
  const org = (await (await fetch(`${tenantUrl}/_sandbox/org`)).json()) as { people: OrgPerson[] };
  return new Map(org.people.map((p) => [p.alias, p]));
}

interface SandboxFile {
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly fields?: Record<string, unknown>;
  readonly retentionLabel: { name: string; isRecordLocked: boolean } | null;
}

interface FiledRecord {
  readonly kind: string;
  readonly content: {
    readonly standingItems: { status: string; notes?: string }[];
    readonly agendaItems: { text: string }[];
    readonly actions: { text: string; ownerId: string; due: string }[];
    readonly personalIssuesDiscussed: boolean;
    readonly nextMeetingDate?: string;
  };
}

/** The agreement tm1 ↔ sw1 over the Bot Framework protocol (src/demo/agreement.ts, as the demo does it), until booked. */
async function agreeAndBookOver(running: Run, supervisor: DemoUser, supervisee: DemoUser): Promise<void> {
  const channel = await new ConnectorChannel().start();
  try {
    const bot = new BotDriver(running.botUrl, channel);
    await bot.say(supervisee, 'hello');
    await bot.say(supervisor, 'hello');
    await agreeAndBook(bot, supervisor, supervisee);
  } finally {
    await channel.stop();
  }
}

/** The booked sessions in date order, read from the app's own tables through the running Azurite. */
async function bookedSessions(): Promise<PlannedSession[]> {
  const endpoints = JSON.parse(readFileSync(join(dataDir, 'sandbox', 'endpoints.json'), 'utf8')) as { connectionString: string };
  const storage = createStorage(endpoints.connectionString);
  const agreements = await listPartition(agreementStore(storage), AGREEMENT_PARTITION);
  const booked = agreements.filter((a) => a.value.status === 'booked');
  expect(booked).toHaveLength(1);
  const sessions = (await listSessions(sessionStore(storage), booked[0]!.value.id)).map((s) => s.value).filter((s) => s.status === 'booked');
  expect(sessions.length).toBeGreaterThanOrEqual(2);
  return sessions.sort((a, b) => a.startUtc.localeCompare(b.startUtc));
}

/** "15/12/2026": a date as a person in the UK types it into the record card's date boxes. */
function dayFirst(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}

/** Choose `option` in a compact Input.ChoiceSet, which the Playground renders as a Fluent drop-down. */
async function choose(page: Page, dropdown: Locator, option: string | RegExp): Promise<void> {
  await dropdown.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).first().click();
}

const AGENDA_CHAT_ITEM = 'Caseload pressure during duty weeks';
const AGENDA_CARD_ITEM = 'Training plan for the autumn';

describe('a session from agenda to the signed record in SharePoint, in the Playground', () => {
  it('sw1 prepares the agenda, tm1 records and signs, sw1 signs, and the PDF and JSON are filed with metadata and hash', async () => {
    let tm1: OrgPerson | undefined;
    let sw1: OrgPerson | undefined;

    // 1. sw1: agreement over the protocol, then the agenda in the Playground (issue 5 item 1).
    await as(
      'sw1',
      async ({ say, card, page }) => {
        await say(`add to agenda ${AGENDA_CHAT_ITEM}`);
        await page.getByText(new RegExp(`Added to the agenda for .* as item 1: ${AGENDA_CHAT_ITEM}`)).first().waitFor({ timeout: 30_000 });
        await say('agenda');
        const agenda = await card(/Agenda for your supervision on/);
        expect(await agenda.innerText()).toContain(AGENDA_CHAT_ITEM);
        // The card's own field: type an item and press "Add to the agenda".
        await agenda.locator('textarea').first().fill(AGENDA_CARD_ITEM);
        await agenda.getByRole('button', { name: 'Add to the agenda' }).click();
        const updated = await card('Added as item 2.');
        const shown = await updated.innerText();
        // Numbered in the order they were added (the card's markdown renders "1." "2." as a list).
        expect(shown.indexOf(AGENDA_CHAT_ITEM)).toBeGreaterThan(-1);
        expect(shown.indexOf(AGENDA_CARD_ITEM)).toBeGreaterThan(shown.indexOf(AGENDA_CHAT_ITEM));
        expect(await updated.locator('li').count()).toBeGreaterThanOrEqual(2);
        await page.screenshot({ path: 'test-results/session-cycle-agenda.png', fullPage: true });
      },
      async (running) => {
        const org = await people(running.tenantUrl);
        tm1 = org.get('tm1');
        sw1 = org.get('sw1');
        if (!tm1 || !sw1) throw new Error('the demo org has no tm1 or sw1');
        await agreeAndBookOver(running, { id: tm1.id, name: tm1.displayName }, { id: sw1.id, name: sw1.displayName });
      },
    );
    const supervisor = tm1!;
    const supervisee = sw1!;

    // 2. tm1: the meeting ends (the clock moves past its end + 15 minutes) and the record card
    //    arrives by itself (issue 5 item 2); tm1 fills it in and signs and shares it.
    let session: PlannedSession | undefined;
    let afterMeeting = '';
    let dueDate = '';
    let secondDue = '';
    let nextMeeting = '';
    const shortHash = await as('tm1', async ({ say, card, page }, running) => {
      // The personal chat's reference must point at this Playground before the card is sent.
      const greetings = page.getByText(/Hello /);
      const before = await greetings.count();
      await say('hello');
      await greetings.nth(before).waitFor({ timeout: 30_000 });
      const [first, second] = await bookedSessions();
      session = first!;
      afterMeeting = new Date(Date.parse(session.endUtc) + 16 * 60_000).toISOString();
      await travelTo(running.botUrl, afterMeeting);

      const form = await card(`Record of supervision with ${supervisee.displayName}`, 60_000);
      const formText = await form.innerText();
      // The agenda sw1 prepared is on the card (Sefton ¶6.2: the record follows the agenda).
      expect(formText).toContain(AGENDA_CHAT_ITEM);
      expect(formText).toContain(AGENDA_CARD_ITEM);

      // Issue 15 item 5: the card is compact; before it, 12 standing items with radio buttons and
      // notes boxes and 6 open action slots made it about 5,000 px tall.
      const height = (await form.boundingBox())?.height ?? 0;
      console.log(`record card height at first render: ${Math.round(height)} px`);
      expect(height).toBeGreaterThan(0);
      expect(height).toBeLessThan(3_000);

      // Central Bedfordshire §12 (L126): every standing item addressed or not applicable, one
      // drop-down each. Shown drop-downs in order: the standing items, then the first action's owner
      // (the other action rows are hidden).
      const dropdowns = form.getByRole('combobox');
      const items = (await dropdowns.count()) - 1;
      expect(items).toBeGreaterThan(0);
      expect(await form.getByRole('radio', { name: 'Addressed' }).count()).toBe(0);
      for (let i = 0; i < items; i++) await choose(page, dropdowns.nth(i), 'Addressed');
      // Notes on demand: the first item's "Notes" button shows its box.
      const notesBoxes = form.getByPlaceholder('Notes on this item (optional)');
      expect(await notesBoxes.first().isVisible()).toBe(false);
      await form.getByRole('button', { name: 'Notes' }).first().click();
      await notesBoxes.first().fill('Sleeping better since the rota changed');
      await form.getByRole('textbox', { name: 'Discussion' }).fill(`Went through the agenda: ${AGENDA_CHAT_ITEM.toLowerCase()}; ${AGENDA_CARD_ITEM.toLowerCase()}.`);
      await form.getByRole('textbox', { name: 'Decisions' }).fill('Protected time on Fridays for recording.');
      await form.getByRole('textbox', { name: 'Action 1' }).fill('Book the autumn training course');
      await choose(page, dropdowns.nth(items), /supervisee/);
      // Dates are typed, day first (no date picker the Playground would show the American way).
      dueDate = new Date(Date.parse(session.endUtc) + 14 * 86_400_000).toISOString().slice(0, 10);
      const dates = form.getByPlaceholder(/^for example \d{2}\/\d{2}\/\d{4}$/);
      await dates.first().fill(dayFirst(dueDate));
      // A second action, in the row "Add another action" reveals.
      expect(await form.getByRole('textbox', { name: 'Action 2' }).count()).toBe(0);
      await form.getByRole('button', { name: 'Add another action' }).click();
      await form.getByRole('textbox', { name: 'Action 2' }).fill('Send the rota to HR');
      await choose(page, form.getByRole('combobox').nth(items + 1), /supervisor/);
      secondDue = new Date(Date.parse(session.endUtc) + 21 * 86_400_000).toISOString().slice(0, 10);
      await dates.nth(1).fill(dayFirst(secondDue));
      await page.screenshot({ path: 'test-results/session-cycle-record-card.png', fullPage: true });
      // Central Bedfordshire §13 (L146): whether personal issues were discussed, yes or no only.
      await form.getByRole('radio', { name: 'No', exact: true }).check();
      nextMeeting = second!.date;
      await dates.last().fill(dayFirst(nextMeeting));
      await form.getByRole('button', { name: `Sign and share with ${supervisee.displayName}` }).click();

      const shared = await card(/Signed and (shared|saved)/, 60_000);
      await page.screenshot({ path: 'test-results/session-cycle-shared.png', fullPage: true });
      const sharedText = await shared.innerText();
      expect(sharedText).toContain('Book the autumn training course');
      expect(sharedText).toMatch(new RegExp(`Signed by ${supervisor.displayName} \\(supervisor\\)`));
      const fingerprint = /fingerprint \(SHA-256\) ([0-9a-f]{12})/.exec(sharedText)?.[1];
      if (!fingerprint) throw new Error(`no fingerprint on the shared record:\n${sharedText}`);
      return fingerprint;
    });

    // 3. sw1: opens the record from "my records" and signs it; it is filed in SharePoint.
    const filed = await as('sw1', async ({ say, card, page }, running) => {
      await travelTo(running.botUrl, new Date(Date.parse(afterMeeting) + 10 * 60_000).toISOString());
      await say('my records');
      const list = await card('Your supervision records');
      await list.getByRole('button', { name: 'Open' }).first().click();
      const review = await card(`Supervision record: ${supervisee.displayName}`);
      const reviewText = await review.innerText();
      expect(reviewText).toContain(shortHash);
      expect(reviewText).toContain('Book the autumn training course');
      await review.getByRole('button', { name: 'Sign', exact: true }).click();
      await card('Signed by both, final', 30_000);
      // The filing worker stores it and tells both where, with the fingerprint of what both signed
      // (the whole hash is in the filed JSON; people read its first twelve characters, issue 15 item 3).
      const notice = page.getByText(/is stored in your supervision file .* Its fingerprint is [0-9a-f]{12}…/).first();
      await notice.waitFor({ timeout: 60_000 });
      await page.screenshot({ path: 'test-results/session-cycle-filed.png', fullPage: true });
      const hash = /Its fingerprint is ([0-9a-f]{12})…/.exec(await notice.innerText())?.[1];
      const files = (await (await fetch(`${running.tenantUrl}/_sandbox/files`)).json()) as SandboxFile[];
      const contents = new Map<string, Buffer>();
      for (const f of files) {
        const res = await fetch(`${running.tenantUrl}/_sandbox/files/content?path=${encodeURIComponent(f.path)}`);
        expect(res.status).toBe(200);
        contents.set(f.path, Buffer.from(await res.arrayBuffer()));
      }
      return { hash, files, contents };
    });

    // 4. The sandbox SharePoint: PDF and JSON in the employee's folder, with metadata, locked.
    const folder = `/Employees/${supervisee.displayName} (${supervisee.id})/Supervision records/`;
    const mine = filed.files.filter((f) => f.path.startsWith(folder));
    expect(mine.map((f) => f.name).sort()).toEqual([`${session!.date} supervision record v1.json`, `${session!.date} supervision record v1.pdf`]);
    const json = mine.find((f) => f.name.endsWith('.json'))!;
    const pdf = mine.find((f) => f.name.endsWith('.pdf'))!;
    const jsonBytes = filed.contents.get(json.path)!;
    const digest = createHash('sha256').update(jsonBytes).digest('hex');
    // Sefton ¶6.2 (L228): the filed record is exactly what both signed.
    expect(filed.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(digest.startsWith(filed.hash!)).toBe(true);
    expect(digest.startsWith(shortHash)).toBe(true);
    expect(json.sha256).toBe(digest);
    expect(filed.contents.get(pdf.path)!.subarray(0, 5).toString()).toBe('%PDF-');
    // The JSON is the canonical record both signed: what tm1 typed on the card, and sw1's agenda.
    const record = JSON.parse(jsonBytes.toString('utf8')) as FiledRecord;
    expect(record).toMatchObject({ kind: 'supervision-record', sessionId: session!.sessionId, sessionDate: session!.date, version: 1, supervisor: { id: supervisor.id }, supervisee: { id: supervisee.id } });
    expect(record.content.agendaItems.map((i) => i.text)).toEqual([AGENDA_CHAT_ITEM, AGENDA_CARD_ITEM]);
    expect(record.content.standingItems.length).toBeGreaterThan(0);
    expect(record.content.standingItems.every((i) => i.status === 'addressed')).toBe(true);
    expect(record.content.standingItems[0]).toMatchObject({ notes: 'Sleeping better since the rota changed' });
    expect(record.content.actions).toEqual([
      expect.objectContaining({ text: 'Book the autumn training course', ownerId: supervisee.id, due: dueDate }),
      expect.objectContaining({ text: 'Send the rota to HR', ownerId: supervisor.id, due: secondDue }),
    ]);
    expect(record.content.personalIssuesDiscussed).toBe(false);
    expect(record.content.nextMeetingDate).toBe(nextMeeting);
    for (const f of [json, pdf]) {
      expect(f.fields).toMatchObject({
        Employee: supervisee.displayName,
        EmployeeId: supervisee.id,
        Supervisor: supervisor.displayName,
        SupervisorId: supervisor.id,
        // A date column answers as SharePoint's UTC date-time (listitem-update.md).
        SessionDate: `${session!.date}T00:00:00Z`,
        RecordVersion: 1,
        RecordHash: digest,
      });
      expect(f.fields?.['SupervisorSignedAt']).toEqual(expect.any(String));
      expect(f.fields?.['SuperviseeSignedAt']).toEqual(expect.any(String));
      expect(f.retentionLabel).toEqual({ name: 'Supervision record', isRecordLocked: true });
    }
  }, 420_000);
});
