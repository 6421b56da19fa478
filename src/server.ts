import restify from 'restify';
import type { Config } from './config/schema.js';
import { runHealthChecks, type HealthCheck } from './health.js';
import type { Logger } from './observability/logger.js';
import { errorFields } from './observability/error-fields.js';
import { startTurnTimer } from './observability/turn-timing.js';

export interface ServerDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly messages: (req: restify.Request, res: restify.Response) => Promise<void>;
  readonly health: readonly HealthCheck[];
  /** Further POST endpoints (e.g. Graph change notifications), answered by the composition root's handlers. */
  readonly posts?: Readonly<Record<string, (req: restify.Request, res: restify.Response) => Promise<void>>>;
  /** Further routes a module mounts itself (the tab and its API, src/tab/http). */
  readonly mount?: ((server: restify.Server) => void) | undefined;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests and waits for in-flight turns, up to the grace period. */
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && loopback.has(address);
}

function httpCode(status: number): string {
  return ({ 400: 'invalid_input', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable', 413: 'too_large', 415: 'unsupported_media_type' } as Record<number, string>)[status] ?? (status >= 500 ? 'internal' : 'invalid_input');
}

function plainHttpMessage(status: number): string {
  switch (status) {
    case 400: return 'The request body is not valid JSON.';
    case 404: return 'There is nothing at this address.';
    case 405: return 'This address does not take that method.';
    case 413: return 'The request is larger than this service accepts.';
    case 415: return 'Send the request as JSON (content-type application/json).';
    default: return status >= 500 ? 'The request could not be processed.' : 'The request could not be accepted.';
  }
}

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, log } = deps;
  const server = restify.createServer({ name: 'supervision-assistant' });
  // Graph's webhook validation arrives as text/plain; only JSON bodies are parsed.
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false, rejectUnknown: false }));

  // Restify's own refusals (a body that is not JSON, no such route, a wrong method, too large) are
  // answered in the product's words and shape, never the library's (issue 16 L2).
  server.on('restifyError', (_req: restify.Request, _res: restify.Response, error: { statusCode?: number; toJSON?: () => unknown }, next: () => void) => {
    const status = error.statusCode ?? 500;
    error.toJSON = () => ({ error: { code: httpCode(status), message: plainHttpMessage(status) } });
    next();
  });

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.send(503, { error: { code: 'shutting_down', message: 'The bot is restarting; the channel will retry.' } });
      return;
    }
    // Sandbox mode accepts activities without a token, so only this machine may send them.
    if (config.SUPERVISION_MODE === 'sandbox' && !isLoopback(req.socket.remoteAddress)) {
      log.warn('http.refused_non_loopback');
      res.send(403, { error: { code: 'forbidden', message: 'Sandbox mode accepts activities from this machine only.' } });
      return;
    }
    inFlight++;
    const timed = startTurnTimer(req.body);
    try {
      await (timed ? timed.run(() => deps.messages(req, res)) : deps.messages(req, res));
    } catch (error) {
      log.error('http.messages_failed', errorFields(error));
      if (!res.headersSent) res.send(500, { error: { code: 'internal', message: 'The activity could not be processed.' } });
    } finally {
      timed?.done(res.statusCode);
      inFlight--;
      if (draining && inFlight === 0) drained?.();
    }
  });

  for (const [path, handler] of Object.entries(deps.posts ?? {})) {
    server.post(path, async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        log.error('http.post_failed', { path, ...errorFields(error) });
        if (!res.headersSent) res.send(500, { error: { code: 'internal', message: 'The request could not be processed.' } });
      }
    });
  }

  deps.mount?.(server);

  server.get('/healthz', async (_req, res) => {
    const report = await runHealthChecks(deps.health);
    res.send(report.status === 'ok' ? 200 : 503, { ...report, mode: config.SUPERVISION_MODE });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = address.port;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;

  return {
    url,
    port,
    async close() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, config.SHUTDOWN_GRACE_SECONDS * 1000).unref()),
        ]);
      }
      // Keep-alive sockets would hold close() open forever once the in-flight turns are done.
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}
