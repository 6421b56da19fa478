import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { newRequestId } from '../errors.js';
import type { SandboxEnv } from './env.js';
import { errorAnswer } from './error-handler.js';

type FetchHandler = (request: Request, env: SandboxEnv['Bindings']) => Response | Promise<Response>;

/**
 * Serves the Hono app on node:http. Not @hono/node-server: it gives every answer a Content-Type
 * (text/plain when the app set none), whereas Graph's empty 201/202/204 answers have none, and
 * the graph client reads an answer typed text/plain as text rather than as an empty body.
 */
export function nodeListener(app: FetchHandler): RequestListener {
  return (incoming, outgoing) => {
    serve(incoming, outgoing, app).catch((err: unknown) => {
      console.error(`sandbox graph: could not answer: ${(err as Error).message}`);
      outgoing.destroy(err as Error);
    });
  };
}

async function serve(incoming: IncomingMessage, outgoing: ServerResponse, app: FetchHandler): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  let answer: Response;
  try {
    answer = await app(toRequest(incoming, Buffer.concat(chunks)), {});
  } catch (err) {
    answer = internalError(incoming, err as Error);
  }
  const payload = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) headers[name] = value;
  if (payload.length > 0) headers['content-length'] = String(payload.length);
  outgoing.writeHead(answer.status, headers);
  outgoing.end(payload.length > 0 ? payload : undefined);
}

function toRequest(incoming: IncomingMessage, body: Buffer): Request {
  const url = new URL(incoming.url ?? '/', 'http://sandbox.invalid');
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
  const method = incoming.method ?? 'GET';
  return new Request(url, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
}

/** Graph's generic 500, for a request the app could not even be given (a method fetch refuses). */
function internalError(incoming: IncomingMessage, err: Error): Response {
  const requestId = newRequestId();
  const clientRequestId = (incoming.headers['client-request-id'] as string | undefined) ?? requestId;
  const answer = errorAnswer(err, { requestId, clientRequestId }, false, incoming.method);
  answer.headers.set('request-id', requestId);
  answer.headers.set('client-request-id', clientRequestId);
  return answer;
}
