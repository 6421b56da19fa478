/**
 * `supervision doctor [--person <upn>] [--bot-url <url>]`: checks this configuration against its
 * tenant (the sandbox's, or a council's), one line per check, ✓ or ✗ with the fix; exit code 0
 * only when every check passes (src/cli/doctor/checks.ts).
 */
import { parseArgs } from 'node:util';
import { isGraphBound } from '../../adapters/graph/sandbox-token-provider.js';
import { formatCheck, runChecks, type CheckResult, type DoctorContext } from '../doctor/checks.js';
import type { CliRuntime } from '../runtime.js';

export interface DoctorOptions {
  readonly person?: string;
  readonly botUrl?: string;
}

export function parseDoctorArgs(argv: readonly string[]): DoctorOptions {
  const { values } = parseArgs({ args: [...argv], options: { person: { type: 'string' }, 'bot-url': { type: 'string' } } });
  return { ...(values.person ? { person: values.person } : {}), ...(values['bot-url'] ? { botUrl: values['bot-url'] } : {}) };
}

export function doctorContext(runtime: CliRuntime, options: DoctorOptions = {}): DoctorContext {
  const { config } = runtime;
  const tokens = isGraphBound(runtime.tokens) ? runtime.tokens.forGraph(runtime.graphBaseUrl) : runtime.tokens;
  const app = runtime.credentials?.app;
  const botUrl = options.botUrl ?? config.PUBLIC_URL ?? (config.SUPERVISION_MODE === 'sandbox' ? `http://127.0.0.1:${config.PORT}` : undefined);
  return {
    config,
    graph: runtime.graph,
    graphToken: () => tokens.getAccessToken(),
    ...(app ? { botToken: async () => (await app.token('https://api.botframework.com/.default')).accessToken } : {}),
    storage: runtime.storageTarget,
    ...(runtime.credentials?.storageCredential ? { storageCredential: runtime.credentials.storageCredential } : {}),
    ...(botUrl ? { botUrl } : {}),
    ...(options.person ? { person: options.person } : {}),
  };
}

export async function runDoctor(ctx: DoctorContext): Promise<{ code: number; stdout: string; results: CheckResult[] }> {
  const results = await runChecks(ctx);
  const failed = results.filter((r) => !r.ok).length;
  const summary = failed === 0 ? `All ${results.length} checks pass.` : `${failed} of ${results.length} checks failed.`;
  return { code: failed === 0 ? 0 : 1, stdout: `${results.map(formatCheck).join('\n')}\n${summary}\n`, results };
}
