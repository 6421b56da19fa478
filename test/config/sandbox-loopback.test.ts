import { describe, expect, it } from 'vitest';
import { clockRoute, TravellingClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config/load-config.js';

describe('sandbox mode stays on this machine (issue 16 L6)', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'example.org', '127.0.0.1.example.org'])('L6: sandbox mode refuses HOST=%s with one line naming it', (host) => {
    expect(() => parseConfig({ SUPERVISION_MODE: 'sandbox', HOST: host })).toThrowError(/^Configuration error: HOST is malformed; expected a loopback address \(127\.0\.0\.1, ::1 or localhost\)/);
  });

  it.each(['127.0.0.1', '::1', 'localhost', '127.0.0.2'])('L6: sandbox mode accepts HOST=%s', (host) => {
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox', HOST: host }).HOST).toBe(host);
  });

  it('L6: tenant mode still listens where it is told (0.0.0.0 by default)', () => {
    const config = parseConfig({
      SUPERVISION_MODE: 'tenant', CREDENTIAL_TYPE: 'client-secret', MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', MICROSOFT_APP_PASSWORD: 'secret',
      MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    });
    expect(config.HOST).toBe('0.0.0.0');
  });

  async function call(clock: TravellingClock, remoteAddress: string | undefined, body: unknown) {
    let answer: { code: number; body?: unknown } = { code: 0 };
    await clockRoute(clock)({ body, socket: { remoteAddress } }, { send: (code, sent) => (answer = { code, body: sent }) });
    return answer;
  }

  it('L6: the clock route refuses a caller from another machine and the clock stays where it was', async () => {
    const clock = new TravellingClock(() => Date.parse('2026-12-02T10:00:00Z'));
    for (const from of ['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', undefined]) {
      expect((await call(clock, from, { travelTo: '2099-01-01T00:00:00Z' })).code).toBe(403);
    }
    expect(clock.now().toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect((await call(clock, '127.0.0.1', { travelTo: '2026-12-09T10:00:00Z' })).code).toBe(200);
    expect(clock.now().toISOString()).toBe('2026-12-09T10:00:00.000Z');
  });

  it('L6: even from this machine the clock cannot be sent to 2099, where it could never come back from', async () => {
    const clock = new TravellingClock(() => Date.parse('2026-12-02T10:00:00Z'));
    const answer = await call(clock, '::1', { travelTo: '2099-01-01T00:00:00Z' });
    expect(answer.code).toBe(409);
    expect(JSON.stringify(answer.body)).toMatch(/at most three years ahead/);
    expect(clock.now().toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });
});
