import { describe, expect, it } from 'vitest';
import { isLoopback } from '../src/server.js';
import { activityFrom, FakeChannel } from './support/fake-channel.js';
import { startStack, stopStack } from './support/stack.js';

describe('server', () => {
  it('recognises loopback callers only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback('192.168.1.20')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it('GET /healthz reports storage and Graph reachable, then Graph down, then storage down', async () => {
    const stack = await startStack();
    try {
      const ok = await fetch(`${stack.url}/healthz`);
      expect(ok.status).toBe(200);
      const report = (await ok.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(report.status).toBe('ok');
      expect(report.checks.storage?.ok).toBe(true);
      expect(report.checks.graph?.ok).toBe(true);

      await stack.tenant.close();
      const down = await fetch(`${stack.url}/healthz`);
      expect(down.status).toBe(503);
      const degraded = (await down.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
      expect(degraded.status).toBe('degraded');
      expect(degraded.checks.graph?.ok).toBe(false);
      expect(degraded.checks.storage?.ok).toBe(true);

      await stack.azurite.close();
      const noStorage = (await (await fetch(`${stack.url}/healthz`)).json()) as { checks: Record<string, { ok: boolean; error?: string }> };
      expect(noStorage.checks.storage?.ok).toBe(false);
      expect(noStorage.checks.storage?.error).toBeTruthy();
    } finally {
      await stack.app.close();
      await stack.azurite.close();
    }
  });

  it('graceful shutdown finishes an in-flight turn before closing', async () => {
    const stack = await startStack();
    const channel = await new FakeChannel().start();
    try {
      // A slow directory makes "who am I" take over a second.
      stack.tenant.setFaults({ latencyMs: 800 });
      const sw = stack.tenant.org.people.find((p) => p.alias === 'sw1');
      const pending = fetch(`${stack.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activityFrom(channel, { id: sw?.id ?? '', name: 'x' }, { type: 'message', text: 'who am I' })),
      });
      await new Promise((r) => setTimeout(r, 200));
      const closing = stack.app.close();
      const res = await pending;
      await closing;
      expect(res.status).toBe(200);
      expect(channel.received).toHaveLength(1);
      expect(channel.received[0]?.text).toContain('Social Worker');
      await expect(fetch(`${stack.url}/healthz`)).rejects.toThrow();
    } finally {
      await channel.stop();
      await stack.tenant.close();
      await stack.azurite.close();
    }
  });

  it('tenant mode validates Bot Framework tokens: an activity without one is refused', async () => {
    const stack = await startStack({
      SUPERVISION_MODE: 'tenant',
      CREDENTIAL_TYPE: 'client-secret',
      MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_APP_PASSWORD: 'not-used-by-this-test',
      MICROSOFT_APP_TENANT_ID: '66666666-7777-8888-9999-000000000000',
    });
    const channel = await new FakeChannel().start();
    try {
      const res = await fetch(`${stack.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activityFrom(channel, { id: 'x', name: 'x' }, { type: 'message', text: 'help' })),
      });
      expect(res.status).toBe(401);
      const forged = await fetch(`${stack.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.' },
        body: JSON.stringify(activityFrom(channel, { id: 'x', name: 'x' }, { type: 'message', text: 'help' })),
      });
      expect(forged.status).toBe(401);
      expect(channel.received).toHaveLength(0);
    } finally {
      await channel.stop();
      await stopStack(stack);
    }
  });
});

describe('escalation settings', () => {
  it('the sandbox settings file parses and the app starts with the sweep on; its clock only moves forward', async () => {
    const stack = await startStack({ ESCALATION_SETTINGS_FILE: 'env/escalation.sandbox.json', NOTIFICATIONS_MAILBOX: 'gwendolyn.tapscott@northshire.example' });
    try {
      expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
      const clock = (body: unknown) => fetch(`${stack.url}/api/sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const moved = await clock({ travelTo: later });
      expect(moved.status).toBe(200);
      expect(Date.parse(((await moved.json()) as { now: string }).now)).toBeGreaterThanOrEqual(Date.parse(later));
      expect(stack.app.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse(later));
      expect((await clock({ travelTo: new Date().toISOString() })).status).toBe(409);
      expect((await clock({ travelTo: 'next tuesday' })).status).toBe(400);
    } finally {
      await stopStack(stack);
    }
  });

  it('a malformed settings file stops startup with one line naming the variable', async () => {
    await expect(startStack({ ESCALATION_SETTINGS_FILE: 'package.json' })).rejects.toThrow(/^Configuration error: ESCALATION_SETTINGS_FILE is malformed/);
  });
});
