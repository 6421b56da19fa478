import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SANDBOX_APP_REGISTRATION } from '../../src/sandbox/entra/app-registration.js';

describe('sandbox as its own process', () => {
  it('prints its URL, serves the scaled org with the given latency, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts', '--port', '0', '--latency', '50', '--supervisors', '3', '--supervisees', '2', '--now', '2026-03-11T10:00:00Z'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /sandbox graph: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      // The scaled org is the same tenant: the product's app signs in at its token endpoint.
      const tokenAnswer = await fetch(`${url}/${SANDBOX_APP_REGISTRATION.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SANDBOX_APP_REGISTRATION.clientId, client_secret: SANDBOX_APP_REGISTRATION.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
      });
      const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
      const started = performance.now();
      const res = await fetch(`${url}/v1.0/users?$filter=${encodeURIComponent("startswith(jobTitle,'Team Manager, Locality')")}`, { headers: { authorization: `Bearer ${token}` } });
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      const body = (await res.json()) as { value: unknown[] };
      expect(res.status).toBe(200);
      expect(body.value).toHaveLength(3);
      const all = (await (await fetch(`${url}/_sandbox/mailboxes`)).json()) as Array<{ alias: string | null }>;
      expect(all.filter((m) => m.alias?.startsWith('xtm'))).toHaveLength(3);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
