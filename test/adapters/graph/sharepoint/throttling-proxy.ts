import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottlingProxy {
  readonly url: string;
  /** The next `count` requests whose method and path match answer 429 with Retry-After, as Graph does. */
  throttleNext(count: number, match: (method: string, path: string) => boolean, retryAfterSeconds?: number): void;
  readonly throttled: number;
  close(): Promise<void>;
}

/**
 * A pass-through in front of the sandbox tenant that can throttle chosen requests with Graph's
 * 429 answer (status, Retry-After, error body); everything else reaches the real sandbox.
 */
export async function startThrottlingProxy(targetUrl: string): Promise<ThrottlingProxy> {
  const target = new URL(targetUrl);
  let remaining = 0;
  let retryAfter = 1;
  let matcher: (method: string, path: string) => boolean = () => false;
  let throttled = 0;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (remaining > 0 && matcher(req.method ?? 'GET', path)) {
      remaining--;
      throttled++;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
      res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests.', innerError: {} } }));
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    throttleNext(count, match, seconds = 1) {
      remaining = count;
      matcher = match;
      retryAfter = seconds;
    },
    get throttled() {
      return throttled;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
