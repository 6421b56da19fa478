/**
 * The attack on a running copy, kept as properties (issue 16 item 2): generated hostile payloads
 * to every card verb and HTTP endpoint of one running app. Each must get a clean answer (a 4xx, or
 * a card or message in plain words), never a 5xx; change nothing a person keeps (agreements,
 * sessions, records, agendas, notices, concerns, escalations, queued jobs); and leave no personal
 * data or anything it sent in the logs.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import { knownVerbs } from '../../src/conversation/handle-message.js';
import type { InvokeAnswer } from '../../src/sandbox/bot-driver.js';
import { seedSeftonAgreement, useBot, type Person } from '../support/bot.js';
import { capturedLog } from '../support/captured-log.js';
import { activityFrom } from '../support/fake-channel.js';
import { storageState } from '../support/storage-state.js';

const log = capturedLog();
const { stack, channel, bot, person, reportOf } = useBot({}, log);

/** Tables meant to grow with any request: the audit of refusals and record views, how to reach people, and job bookkeeping. */
const GROWS_ANYWAY = ['refusalaudit', 'recordaudit', 'conversationrefs', 'passindex', 'calendarsync', 'changesubscriptions'];
const state = () => storageState(stack().azurite.connectionString, { ignoreTables: GROWS_ANYWAY });

/** A string the product must never log: every payload carries it. */
const MARK = 'HOSTILE-MARK-7f3a';

let agreementId = '';
let sessionId = '';
let tm: Person;
let sw: Person;
let stranger: Person;
beforeAll(async () => {
  tm = person('tm1');
  sw = reportOf('tm1');
  stranger = person('dir');
  const seeded = await seedSeftonAgreement(createStorage(stack().azurite.connectionString), {
    id: 'a1b2c3d4-0000-4000-8000-00000000f00d', supervisor: tm, supervisee: sw,
    sessionDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), createdAt: new Date().toISOString(),
  });
  agreementId = seeded.agreement.id;
  sessionId = seeded.session.sessionId;
  // Everyone has talked to the bot once, so references exist before the properties run.
  for (const p of [tm, sw, stranger]) await bot.say(p, 'hello');
});

// ── Hostile values ─────────────────────────────────────────────────────────────────────────
const nasty = fc.constantFrom(
  '', ' ', '\u200B\u00A0\u2060', '<script>alert(1)</script>', "'; DROP TABLE records; --", '${jndi:ldap://x/a}', '../../../etc/passwd',
  '\u0000\u0001\u001b[31m', '\uD800', '__proto__', 'constructor', 'prototype', '{"$where":"1"}', 'Ｊａｙｄｅｎ Ｓｍｉｔｈ', 'jayden smith',
  'x'.repeat(5_000), 'ü'.repeat(30_000), '9'.repeat(400), '-1', '0', 'NaN', 'Infinity', '2026-13-45T99:99:99Z', '2099-01-01T00:00:00Z|2099-01-01T00:00:00Z',
  'Z|Z', '1970-01-01T00:00:00Z|2200-01-01T00:00:00Z',
);
const hostileString = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })).map((s) => `${s}${MARK}`);
/** Values of the wrong type or size for any field a card sends (every card field is a short string). */
const illTyped = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.constant({ __proto__: { polluted: MARK } }), fc.constant(`${MARK}${'y'.repeat(120_000)}`),
);
const anyValue = fc.oneof(hostileString, illTyped);
const FIELDS = [
  'agreementId', 'sessionId', 'itemId', 'newItem', 'caseRef', 'text', 'slot', 'reasonId', 'reason', 'hash', 'comment', 'disagreement', 'basedOn', 'actionIds',
  'superviseeId', 'concernDate', 'obligationId', 'field', 'note_1', 'p1', 'status_a', 'note_a', 'notHeldOutcome', 'notHeldReason', 'rolePhase', 'employmentStart',
  'agreementDate', 'weekday', 'time', 'minutes', 'format', 'location', 'keyTasks', 'othersWhoMaySee', 'seniorManagerId', 'reviewDate', 'discussion', 'decisions',
  '__proto__', 'constructor',
];
const hostileData = fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })), anyValue, { maxKeys: 8 });

/** Who presses: a stranger or someone unknown with the real ids, or a party with ids that are not theirs or data of the wrong shape. */
type Caller = 'stranger' | 'unknown' | 'anonymous' | 'supervisor' | 'supervisee';
const callerOf = (c: Caller): Record<string, unknown> => {
  switch (c) {
    case 'stranger': return { from: { id: `29:${stranger.id}`, name: stranger.name, aadObjectId: stranger.id } };
    case 'unknown': return { from: { id: '29:unknown', name: 'Unknown', aadObjectId: '00000000-dead-4bad-8bad-000000000000' } };
    case 'anonymous': return { from: { id: '29:anonymous', name: 'Anonymous' } };
    case 'supervisor': return { from: { id: `29:${tm.id}`, name: tm.name, aadObjectId: tm.id } };
    case 'supervisee': return { from: { id: `29:${sw.id}`, name: sw.name, aadObjectId: sw.id } };
  }
};
const press = (verb: string) => fc.record({
  verb: fc.constant(verb),
  caller: fc.constantFrom<Caller>('stranger', 'unknown', 'anonymous', 'supervisor', 'supervisee'),
  data: hostileData,
  realIds: fc.boolean(),
});

/** Words meant for developers and logs, which a person must never be shown. */
const TECHNICAL = /Invalid input|expected \w+, received|Too (?:big|small)|Unrecognized key|version is stale|table \w+ |storage|Graph \w+ failed|HTTP \d{3}|TypeError|ReferenceError|Cannot read prop|undefined is not|\[object Object\]|at \S+\.(?:js|ts):\d+|ECONN|ZodError/;

function plainWords(text: string): void {
  expect(text).not.toMatch(TECHNICAL);
  expect(text).not.toContain(MARK.repeat(2));
}

function expectCleanInvoke(res: { status: number }, answer: InvokeAnswer): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) return;
  expect(answer.statusCode).toBeLessThan(500);
  plainWords(JSON.stringify(answer.value ?? ''));
}

function expectCleanLogs(from: number): void {
  const lines = log.lines.slice(from);
  expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  expect(text).not.toContain(MARK);
  for (const p of [tm, sw, stranger]) {
    expect(text).not.toContain(p.id);
    expect(text).not.toContain(p.name);
    expect(text).not.toContain(p.mail);
  }
}


/** A URL can only carry well-formed text: a lone surrogate half becomes U+FFFD, as a browser sends it. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
describe('hostile input to every card verb and endpoint (issue 16 item 2)', () => {
  it('card verbs: a clean answer, nothing kept changes, nothing personal or sent is logged', async () => {
    const before = await state();
    const logFrom = log.lines.length;
    // Every verb, a few generated presses each (a new seed every run of the suite).
    for (const name of knownVerbs) await fc.assert(fc.asyncProperty(press(name), async ({ verb, caller, data, realIds }) => {
      // Strangers get the real ids (so only authorization stands in the way); the two parties get
      // ids that are not theirs, or the real ids with every other field of the wrong type or size.
      const party = caller === 'supervisor' || caller === 'supervisee';
      const ids = !party || realIds ? { agreementId, sessionId } : { agreementId: `${MARK}-a`, sessionId: `${MARK}-s` };
      const values = party && realIds ? Object.fromEntries(Object.keys(data).map((k) => [k, fc.sample(illTyped, { numRuns: 1, seed: k.length })[0]])) : data;
      const res = await bot.send(sw, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...values, ...ids } } }, ...callerOf(caller) });
      const answer = res.status === 200 ? ((await res.json()) as InvokeAnswer) : ((await res.text()), { statusCode: res.status, type: '', value: {} });
      expectCleanInvoke(res, answer);
    }), { numRuns: 2 });
    expect(await state()).toBe(before);
    expectCleanLogs(logFrom);
  });

  it('chat: any text, at any size up to what the server takes, gets a plain answer and changes nothing', async () => {
    const before = await state();
    const logFrom = log.lines.length;
    const textArb = fc.oneof(hostileString, fc.constantFrom('remove -1', 'remove 0', 'remove 99999', 'agenda', 'my records', 'write record', 'end agreement', '?', '<at>bot</at>'), fc.constant(`hlep ${MARK} `.repeat(3000)));
    await fc.assert(fc.asyncProperty(textArb, fc.constantFrom<Caller>('stranger', 'unknown', 'anonymous', 'supervisor', 'supervisee'), async (text, caller) => {
      const mark = bot.mark();
      const res = await bot.send(sw, { type: 'message', text, ...callerOf(caller) });
      expect(res.status).toBeLessThan(300);
      await channel.waitFor(mark + 1);
      for (const reply of channel.received.slice(mark)) plainWords(JSON.stringify(reply.text ?? reply.attachments ?? ''));
    }), { numRuns: 25 });
    expect(await state()).toBe(before);
    expectCleanLogs(logFrom);
  });

  it('the messages endpoint: any body, any content type, any activity fields: a 4xx or a normal answer, never a 5xx', async () => {
    const logFrom = log.lines.length;
    const body = fc.oneof(
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 200 }),
      fc.record({ type: anyValue, text: anyValue, name: anyValue, value: fc.oneof(anyValue, hostileData) }, { requiredKeys: [] })
        .map((fields) => JSON.stringify({ ...activityFrom(channel, sw, {}), ...fields })),
      fc.record({ channelId: anyValue, serviceUrl: anyValue, from: anyValue, conversation: anyValue, recipient: anyValue }, { requiredKeys: [] })
        .map((fields) => JSON.stringify({ ...activityFrom(channel, sw, { type: 'message', text: 'help' }), ...fields })),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/xml', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '');
    await fc.assert(fc.asyncProperty(body, contentType, async (payload, type) => {
      const res = await fetch(`${stack().url}/api/messages`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: payload });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) plainWords(text);
    }), { numRuns: 40 });
    expectCleanLogs(logFrom);
  });

  it('Graph notifications, the sandbox clock, health and unknown routes: never a 5xx; the clock only moves when asked properly', async () => {
    const logFrom = log.lines.length;
    const clockBefore = stack().app.clock.now().getTime();
    const route = fc.constantFrom('/api/graph-notifications', '/api/sandbox/clock', '/healthz', '/api/messages/../healthz', '/api/nothing', '/%2e%2e/etc/passwd');
    const query = fc.oneof(fc.constant(''), hostileString.map((s) => `?validationToken=${encodeURIComponent(wellFormed(s))}`), fc.constant('?validationToken='));
    const payload = fc.oneof(
      fc.json({ maxDepth: 2 }),
      fc.record({ value: fc.array(fc.record({ subscriptionId: anyValue, clientState: anyValue, resource: anyValue, changeType: anyValue }, { requiredKeys: [] }), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
      fc.record({ travelTo: fc.oneof(illTyped, hostileString, fc.constant('1999-01-01T00:00:00Z')) }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(fc.asyncProperty(route, query, payload, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), async (path, q, body, method) => {
      const res = await fetch(`${stack().url}${path}${q}`, { method, headers: { 'content-type': 'application/json' }, ...(method === 'GET' ? {} : { body }) });
      const text = await res.text();
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) plainWords(text);
      else if (path === '/api/graph-notifications' && q.startsWith('?validationToken=')) expect(res.headers.get('content-type') ?? '').toMatch(/^text\/plain/);
    }), { numRuns: 40 });
    // A hostile body never moved the clock (1999 is the past; everything else is not an instant).
    expect(stack().app.clock.now().getTime() - clockBefore).toBeLessThan(60_000);
    expectCleanLogs(logFrom);
  });
});
