import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { capturedLog } from '../../support/captured-log.js';
import { activityFrom, FakeChannel } from '../../support/fake-channel.js';
import { useStack } from '../../support/stack.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const log = capturedLog();
const stack = useStack({
  SUPERVISION_MODE: 'tenant',
  CREDENTIAL_TYPE: 'client-secret',
  MICROSOFT_APP_ID: APP_ID,
  MICROSOFT_APP_PASSWORD: 'not-used-by-this-test',
  MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
}, log);

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = { iss: 'https://api.botframework.com', aud: APP_ID, exp: now + 3600, nbf: now - 60, serviceurl: 'https://smba.trafficmanager.net/uk/' };

function hs256(): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', 'guessed-secret').update(head).digest('base64url')}`;
}

function rs256(kid: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid, x5t: kid })}.${b64(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}

const forged: [string, string][] = [
  ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
  ['HS256 with a guessed secret', `Bearer ${hs256()}`],
  ['RS256 signed with a key of its own', `Bearer ${rs256('forged-key-1')}`],
  ['not a JWT at all', 'Bearer not.a.jwt'],
  ['a JWT cut short', `Bearer ${b64({ alg: 'RS256' })}`],
  ['Basic instead of Bearer', 'Basic dXNlcjpwYXNz'],
  ['an empty bearer', 'Bearer '],
];

describe('forged Bot Framework tokens in tenant mode (issue 16 L1)', () => {
  it.each(forged)('L1: %s is answered 401 in plain English, never 500 or the library\'s wording', async (_what, authorization) => {
    const channel = await new FakeChannel().start();
    try {
      const res = await fetch(`${stack().url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(activityFrom(channel, { id: 'x', name: 'x' }, { type: 'message', text: 'help' })),
      });
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toMatch(/could not be authenticated/);
      expect(body).not.toMatch(/jwt|JsonWebToken|algorithm|signature|Unauthorized Access|Error:/i);
      expect(channel.received).toHaveLength(0);
    } finally {
      await channel.stop();
    }
  });

  it('L1: the refusals are logged by reason code, with no token and no text', () => {
    const text = log.text();
    expect(log.lines.filter((l) => l.event === 'bot.unauthenticated').length).toBeGreaterThanOrEqual(forged.length);
    expect(text).not.toContain('guessed-secret');
    expect(text).not.toMatch(/eyJ/);
  });
});
