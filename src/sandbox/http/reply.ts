/** Graph's content type for JSON answers. */
const graphJsonType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export type HeaderRecord = Record<string, string>;

export function json(status: number, body: unknown, headers: HeaderRecord = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': graphJsonType, ...headers } });
}

/** An answer without a body carries no Content-Type, as Graph's 201/202/204 do. */
export function noContent(status = 204, headers: HeaderRecord = {}): Response {
  return new Response(null, { status, headers });
}

/** 302 to `location`, without a body. */
export function redirect(location: string): Response {
  return noContent(302, { location });
}

export function bytes(status: number, data: Buffer, headers: HeaderRecord = {}): Response {
  return new Response(data, { status, headers: { 'content-type': 'application/octet-stream', ...headers } });
}

export function html(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
