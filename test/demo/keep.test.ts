import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOptions, keepUntilStopped } from '../../src/demo/keep.js';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/graph-server.js';

/** `npm run demo -- --keep` (issue 15 item 6): the tour ends where a person can look. */
let tenant: SandboxTenant | undefined;
beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0 });
});
afterAll(async () => tenant?.close());

describe('npm run demo -- --keep', () => {
  it('reads --keep, and refuses anything else in one sentence', () => {
    expect(demoOptions([])).toEqual({ keep: false });
    expect(demoOptions(['--keep'])).toEqual({ keep: true });
    expect(demoOptions(['--kep'])).toEqual({ error: expect.stringContaining('unknown option --kep') });
  });

  it('prints the sandbox address, which answers until the person stops it', async () => {
    const lines: string[] = [];
    let stop: () => void = () => undefined;
    const kept = keepUntilStopped({ tenant: tenant!, app: { server: { url: 'http://127.0.0.1:3978' } } as never }, (l) => lines.push(l), new Promise<void>((r) => (stop = r)));
    let settled = false;
    void kept.then(() => (settled = true));
    const address = /Sandbox tenant .*: (http:\/\/127\.0\.0\.1:\d+\/_sandbox\/)/.exec(lines.join('\n'))?.[1];
    expect(address).toBe(`${tenant!.url}/_sandbox/`);
    expect(lines.join('\n')).toMatch(/Bot health: http:\/\/127\.0\.0\.1:3978\/healthz/);
    expect((await fetch(address!)).status).toBe(200);
    expect(settled).toBe(false);
    stop();
    await kept;
    expect(settled).toBe(true);
  });
});
