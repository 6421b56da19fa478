import { writeFileSync } from 'node:fs';
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotDriver } from '../../src/sandbox/bot-driver.js';
import { ConnectorChannel } from '../../src/sandbox/connector-channel.js';
import { until } from '../../src/sandbox/until.js';
import { npmStart, usePlaygroundBrowser, type RunningStart } from '../support/npm-start.js';

/**
 * Issue 15's first "Done when", in the Microsoft 365 Agents Playground: a fresh `npm start` (the
 * lived-in council, told through the product's own use cases) as sw1, tm1 and sm1 at once — one
 * Playground each (SANDBOX_PERSON=sw1,tm1,sm1) — shows each of them sessions, agenda items,
 * records and escalations with no other step; proactive messages reach a Playground, and reach
 * the sandbox's chat (and inspector) of someone who is not in one.
 */
const { dataDir, browser } = usePlaygroundBrowser('supervision-lived-in-');
let start: RunningStart | undefined;
const urls = new Map<string, string>();
let botUrl = '';
let tenantUrl = '';

interface Chat {
  readonly page: Page;
  say(text: string): Promise<void>;
  /** The last Adaptive Card in the chat that contains `text`. */
  card(text: string | RegExp): Promise<Locator>;
  /** Waits for text anywhere in the chat. */
  sees(text: string | RegExp): Promise<void>;
}
const chats = new Map<string, Chat>();

beforeAll(async () => {
  start = await npmStart({ DATA_DIR: dataDir, SANDBOX_PERSON: 'sw1,tm1,sm1', SANDBOX_STORY: 'lived-in' }, 900_000);
  const out = start.output();
  for (const m of out.matchAll(/Open (http:\/\/127\.0\.0\.1:\d+) in your browser to chat with the bot as .*?\((\w+)\)\./g)) urls.set(m[2] ?? '', m[1] ?? '');
  botUrl = /Bot health: (http:\/\/127\.0\.0\.1:\d+)\/healthz/.exec(out)?.[1] ?? '';
  tenantUrl = /Sandbox tenant \(.*\): (http:\/\/127\.0\.0\.1:\d+)\/_sandbox\//.exec(out)?.[1] ?? '';
}, 960_000);

afterAll(async () => {
  for (const chat of chats.values()) await chat.page.close().catch(() => undefined);
  await start?.stop();
}, 60_000);

/** The Playground of `alias`, opened once and kept open (proactive messages arrive in it). */
async function chatOf(alias: string): Promise<Chat> {
  const open = chats.get(alias);
  if (open) return open;
  const url = urls.get(alias);
  if (!url) throw new Error(`npm start printed no Playground for ${alias}:\n${start?.output().slice(-2000)}`);
  const page = await browser().newPage({ viewport: { width: 1280, height: 2400 } });
  page.setDefaultTimeout(60_000);
  await page.goto(url, { waitUntil: 'load' });
  // The compose box (the Playground's editor): a card with an input (the agenda's "Add an item") is a textbox too.
  const box = page.locator('[data-lexical-editor="true"]').first();
  await box.waitFor();
  await page.getByText(/Hello /).first().waitFor();
  const chat: Chat = {
    page,
    say: async (text) => {
      await box.click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    },
    card: async (text) => {
      const found = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
      await found.waitFor();
      return found;
    },
    sees: async (text) => {
      await page.getByText(text).last().waitFor();
    },
  };
  chats.set(alias, chat);
  return chat;
}

/** Runs `steps` in `alias`'s Playground; on failure keeps a screenshot and the page. */
async function inPlayground(alias: string, steps: (chat: Chat) => Promise<void>): Promise<void> {
  const chat = await chatOf(alias);
  try {
    await steps(chat);
  } catch (error) {
    await chat.page.screenshot({ path: `test-results/lived-in-${alias}-error.png`, fullPage: true }).catch(() => undefined);
    await chat.page.content().then((html) => writeFileSync(`test-results/lived-in-${alias}-error.html`, html)).catch(() => undefined);
    throw error;
  }
}

interface OrgPerson {
  readonly id: string;
  readonly alias: string;
  readonly displayName: string;
}

async function person(alias: string): Promise<OrgPerson> {
  const org = (await (await fetch(`${tenantUrl}/_sandbox/org`)).json()) as { people: OrgPerson[] };
  const found = org.people.find((p) => p.alias === alias);
  if (!found) throw new Error(`no ${alias} in the demo organisation`);
  return found;
}

interface ChatMessage {
  readonly text?: string;
  readonly card?: unknown;
}

async function sandboxChat(alias: string): Promise<ChatMessage[]> {
  const res = await fetch(`${tenantUrl}/_sandbox/chats/${alias}?format=json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: ChatMessage[] }).messages;
}

describe('a fresh npm start is a council a few months into its supervision year (issue 15)', () => {
  it('prints a Playground for each person asked for, and where everyone else\'s chats are', () => {
    expect([...urls.keys()]).toEqual(['sw1', 'tm1', 'sm1']);
    expect(new Set(urls.values()).size).toBe(3);
    expect(start!.output()).toMatch(/Everyone else's Teams chat with the bot: http:\/\/127\.0\.0\.1:\d+\/_sandbox\/chats/);
    expect(start!.output()).not.toMatch(/DEP0111/);
  });

  it('sw1, a social worker, finds their next session, its agenda with last time\'s open action, and their records, one waiting for their signature', async () => {
    await inPlayground('sw1', async (chat) => {
      await chat.say('when is my next supervision?');
      await chat.sees(/Your next supervision with Olivia Marchbank is on \w+day \d{1,2} \w+ \d{4}/);

      await chat.say('agenda');
      const agenda = await chat.card(/Agenda for your supervision/);
      const agendaText = await agenda.innerText();
      expect(agendaText).toMatch(/added by Amara Fellgate/);
      expect(agendaText).toMatch(/Open actions from earlier sessions/);

      await chat.say('my records');
      const records = await chat.card(/Your supervision records/);
      const recordsText = await records.innerText();
      expect(recordsText).toMatch(/Signed by both and stored in the supervision file/);
      expect(recordsText).toMatch(/waiting for (?:you|the supervisee) to sign/i);
    });
  }, 240_000);

  it('tm1, a team manager, sees the team: an overdue action, a session to rebook, a disagreement to answer, a record to write, an agreement not yet signed', async () => {
    await inPlayground('tm1', async (chat) => {
      await chat.say('my team');
      await chat.sees(/Your team: \d+ people/);
      await chat.sees(/overdue action/);
      await chat.sees(/session to rebook/);
      await chat.sees(/Thornaby disagreed; waiting for you to amend/); // the NQSW in her ASYE
      await chat.sees(/records? waits? for you to write or amend/);
      await chat.sees(/Lucia Harrowgate/);

      await chat.say('what needs my attention');
      const attention = await chat.card(/need(?:s)? your attention/);
      expect(await attention.innerText()).toMatch(/Escalated to you|Due now|Coming up/);
    });
  }, 240_000);

  it('sm1, a service manager, has escalations waiting, and sees compliance across her teams with the lapse in it', async () => {
    await inPlayground('sm1', async (chat) => {
      await chat.say('what needs my attention');
      const attention = await chat.card(/need(?:s)? your attention/);
      expect(await attention.innerText()).toMatch(/Escalated to you/);

      await chat.say('team compliance');
      await chat.sees(/Supervision in your area/);
      await chat.sees(/Tariq Moorcroft/);
      await chat.sees(/\d+ missed/);
    });
  }, 240_000);

  it('the story left signed records in SharePoint and the daily sweep\'s reminders and escalations in people\'s sandbox chats', async () => {
    const files = (await (await fetch(`${tenantUrl}/_sandbox/files`)).json()) as { path: string }[];
    const amaras = files.filter((f) => f.path.startsWith('/Employees/Amara Fellgate') && f.path.endsWith('.pdf'));
    expect(amaras.length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.path.endsWith('.json')).length).toBeGreaterThanOrEqual(10);
    // The lapse (sw4's postponed session, never rebooked) was escalated to tm2.
    const tm2 = await sandboxChat('tm2');
    expect(tm2.length).toBeGreaterThan(0);
    expect(JSON.stringify(tm2)).toMatch(/Tariq Moorcroft/);
  });

  it("sw1's \"I'm not getting supervision\" reaches Olivia's and Rosalind's Playgrounds", async () => {
    await chatOf('tm1');
    await chatOf('sm1');
    await inPlayground('sw1', async (chat) => {
      await chat.say("I'm not getting supervision");
      await chat.sees(/recorded that you are not getting supervision and told Olivia Marchbank and Rosalind Brackenbury/);
    });
    await inPlayground('tm1', (chat) => chat.sees(/Amara Fellgate has told me they are not getting supervision/));
    await inPlayground('sm1', (chat) => chat.sees(/Amara Fellgate has told me they are not getting supervision/));
  }, 240_000);

  it("a proactive message to someone not in a Playground lands in their sandbox chat, shown in the inspector", async () => {
    const sw7 = await person('sw7');
    const tm3 = await person('tm3');
    const channel = await new ConnectorChannel().start();
    try {
      const bot = new BotDriver(botUrl, channel);
      const replies = await bot.say({ id: sw7.id, name: sw7.displayName }, "I'm not getting supervision");
      expect(JSON.stringify(replies)).toContain(`told ${tm3.displayName}`);
    } finally {
      await channel.stop();
    }
    const notice = await until('the notice in the sandbox chat', async () => (await sandboxChat('tm3')).find((m) => JSON.stringify(m).includes(`${sw7.displayName} has told me they are not getting supervision`)), 30_000);
    expect(notice).toBeDefined();
    const page = await (await fetch(`${tenantUrl}/_sandbox/chats/tm3`)).text();
    expect(page).toContain(`${tm3.displayName}'s chat with Supervision Assistant`);
    expect(page).toContain('has told me they are not getting supervision');
  });
});
