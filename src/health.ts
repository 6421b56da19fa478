/** One dependency the app needs to serve people (storage, Graph), checked by GET /healthz. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly checks: Record<string, { readonly ok: boolean; readonly error?: string; readonly ms: number }>;
}

export async function runHealthChecks(checks: readonly HealthCheck[], timeoutMs = 3000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const started = performance.now();
      try {
        await Promise.race([
          c.check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
        ]);
        return [c.name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [c.name, { ok: false, error: message.slice(0, 200), ms: Math.round(performance.now() - started) }] as const;
      }
    }),
  );
  const all = Object.fromEntries(results);
  return { status: results.every(([, r]) => r.ok) ? 'ok' : 'degraded', checks: all };
}
