import { afterAll, beforeAll, expect } from 'vitest';
import type { AppStorage } from '../../src/adapters/storage/index.js';
import type { Logger } from '../../src/observability/logger.js';
import type { Agreement, AgreementTerms, PlannedSession } from '../../src/domain/agreements/types.js';
import { addMonths } from '../../src/domain/calendar/local-date.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../src/repositories/tables.js';
import { BotDriver, type CardJson, type DemoUser } from '../../src/sandbox/bot-driver.js';
import { findPerson, type DemoOrg } from '../../src/sandbox/demo-org.js';
import { ZAgreementLink } from '../../src/usecases/agreements/deps.js';
import { FakeChannel, type ChannelActivity } from './fake-channel.js';
import { useStack, type Stack } from './stack.js';

/**
 * Protocol tests talk to the bot the way Teams does, through the product's BotDriver
 * (src/sandbox/bot-driver.ts) over the sandbox's Connector channel.
 */

/** A demo person as the tests address them. */
export interface Person extends DemoUser {
  readonly mail: string;
  readonly jobTitle: string;
}

export function personIn(org: DemoOrg, alias: string): Person {
  const p = findPerson(org, alias);
  if (!p) throw new Error(`no demo person ${alias}`);
  return { id: p.id, name: p.displayName, mail: p.mail, jobTitle: p.jobTitle };
}

/** The first direct report of the person with this alias. */
export function reportIn(org: DemoOrg, managerAlias: string): Person {
  const p = org.people.find((x) => x.managerAlias === managerAlias);
  if (!p) throw new Error(`no demo person reports to ${managerAlias}`);
  return personIn(org, p.alias);
}

export interface BotTest {
  readonly stack: () => Stack;
  readonly channel: FakeChannel;
  /** Ready once the file's beforeAll hooks ran (its botUrl is the stack's). */
  readonly bot: BotDriver;
  readonly person: (alias: string) => Person;
  readonly reportOf: (managerAlias: string) => Person;
}

/** The whole app (useStack) plus a channel and a driver talking to it, started and stopped with the file. */
export function useBot(env: Record<string, string> = {}, log?: Logger): BotTest {
  const stack = useStack(env, log);
  const channel = new FakeChannel();
  const bot = new BotDriver('', channel);
  beforeAll(async () => {
    await channel.start();
    bot.botUrl = stack().url;
  });
  afterAll(() => channel.stop());
  return { stack, channel, bot, person: (alias) => personIn(stack().tenant.org, alias), reportOf: (alias) => reportIn(stack().tenant.org, alias) };
}

/** The Adaptive Card an activity carries, asserting that there is one. */
export function cardOf(activity: ChannelActivity | undefined): CardJson {
  const attachment = activity?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as CardJson;
}

/**
 * A booked Sefton social-worker agreement (12 standing items) with one 90-minute session at 10:00 UTC
 * on `sessionDate`, written straight into storage with both parties' links. Its review is a year
 * on, as agreements' are: a review date of the session's own day brought the agreement-review
 * pass's card into the chat mid-test (it comes ten working days ahead), in place of the answer.
 */
export async function seedSeftonAgreement(
  storage: AppStorage,
  a: { id: string; supervisor: DemoUser; supervisee: DemoUser; sessionDate: string; createdAt: string; terms?: Partial<AgreementTerms> },
): Promise<{ agreement: Agreement; session: PlannedSession }> {
  const agreement: Agreement = {
    id: a.id,
    terms: { policyId: 'sefton', roleId: 'social-worker', supervisorId: a.supervisor.id, superviseeId: a.supervisee.id, employmentStart: '2020-01-06', agreementDate: a.sessionDate,
      weekday: 2, time: '10:00', minutes: 90, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: addMonths(a.sessionDate, 12), ...a.terms },
    status: 'booked', signatures: {}, comments: [], createdAt: a.createdAt, updatedAt: a.createdAt,
    parties: { supervisorName: a.supervisor.name, superviseeName: a.supervisee.name },
  };
  await agreementStore(storage).create(agreementKey(a.id), agreement);
  const links = storage.versioned('agreementparties', ZAgreementLink);
  await links.upsert({ partition: a.supervisor.id, id: a.id }, { agreementId: a.id, party: 'supervisor', createdAt: a.createdAt });
  await links.upsert({ partition: a.supervisee.id, id: a.id }, { agreementId: a.id, party: 'supervisee', createdAt: a.createdAt });
  const date = a.sessionDate;
  const session: PlannedSession = { sessionId: `${a.id}-s01`, agreementId: a.id, date, start: '10:00', minutes: 90, startUtc: `${date}T10:00:00Z`, endUtc: `${date}T11:30:00Z`, rule: 'SE-F1', status: 'booked' };
  await sessionStore(storage).create(sessionKey(a.id, session.sessionId), session);
  return { agreement, session };
}
