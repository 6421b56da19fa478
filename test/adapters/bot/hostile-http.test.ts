import { describe, expect, it } from 'vitest';
import { useBot } from '../../support/bot.js';
import { capturedLog } from '../../support/captured-log.js';
import { activityFrom } from '../../support/fake-channel.js';

const log = capturedLog();
const { stack, channel, bot, person } = useBot({}, log);

async function post(body: string, contentType: string | null = 'application/json'): Promise<{ status: number; text: string }> {
  // No content type: fetch then sends a string as text/plain.
  const res = await fetch(`${stack().url}/api/messages`, { method: 'POST', headers: contentType === null ? {} : { 'content-type': contentType }, body });
  return { status: res.status, text: await res.text() };
}
const activity = (fields: Record<string, unknown>) => activityFrom(channel, person('sw1'), fields);

/** A plain answer: 4xx, a JSON error with a sentence, no stack, no library or validator wording. */
function expectPlainRefusal(answer: { status: number; text: string }, status: number) {
  expect(answer.status).toBe(status);
  const body = JSON.parse(answer.text) as { error?: { message?: string } };
  expect(body.error?.message).toMatch(/^[A-Z].*\.$/);
  expect(answer.text).not.toMatch(/at .*\.js|Invalid input|expected \w+, received|validateAndFixActivity|req\.body|Unexpected token|SyntaxError/);
}

describe('the messages endpoint with malformed requests (issue 16 L2)', () => {
  it('L2: an XML, text or form body is 415, not 500', async () => {
    const before = bot.mark();
    expectPlainRefusal(await post('<activity type="message"><text>help</text></activity>', 'application/xml'), 415);
    expectPlainRefusal(await post('help', 'text/plain'), 415);
    expectPlainRefusal(await post('type=message&text=help', 'application/x-www-form-urlencoded'), 415);
    expectPlainRefusal(await post(JSON.stringify(activity({ type: 'message', text: 'help' })), null), 415);
    expect(bot.mark()).toBe(before);
  });

  it('L2: an activity without a type is 400, not 500', async () => {
    const untyped = activity({ text: 'help' });
    expectPlainRefusal(await post(JSON.stringify(untyped)), 400);
    expectPlainRefusal(await post(JSON.stringify({ ...untyped, type: '' })), 400);
    expectPlainRefusal(await post(JSON.stringify({ ...untyped, type: 42 })), 400);
  });

  it('L2: a body that is not an activity object, or not JSON at all, is 400', async () => {
    for (const body of ['[]', '"help"', 'null', '42', '{"type":"message"}', '{not json', '']) expectPlainRefusal(await post(body), 400);
  });

  it('L2: invoke names no card sends (composeExtension/query, task/fetch…) are 400, not 501', async () => {
    for (const name of ['composeExtension/query', 'task/fetch', 'task/submit', 'signin/verifyState', 'config/fetch', 'message/submitAction', 'healthCheck', '']) {
      const res = await bot.send(person('sw1'), { type: 'invoke', name, value: {} });
      expect(res.status, name).toBe(400);
      expect(await res.text()).toMatch(/does not handle that request|not one I can read/);
    }
  });

  it('L2: a text that is not a string is 400 with a plain reason, not "Sorry, something went wrong"', async () => {
    const before = bot.mark();
    for (const text of [42, { a: 1 }, ['help'], true]) {
      const answer = await post(JSON.stringify(activity({ type: 'message', text })));
      expectPlainRefusal(answer, 400);
      expect(answer.text).toContain('The message text must be text.');
    }
    // Nothing was said in the chat (no "Sorry, something went wrong").
    await bot.say(person('sw1'), 'help');
    expect(bot.mark() - before).toBe(1);
  });

  it('L2: unknown routes and methods are plain 404 and 405', async () => {
    const missing = await fetch(`${stack().url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(/does not exist|ResourceNotFound/);
    const wrongMethod = await fetch(`${stack().url}/api/messages`, { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
  });

  it('L2: nothing above reached the logs as an error, and no line carries what was sent', () => {
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(log.text()).not.toMatch(/<activity|type=message|\{not json/);
  });
});
