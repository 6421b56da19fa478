import type { SandboxStore } from './store.js';

/** A request after transport decoding; the same shape whether it came over HTTP or inside $batch. */
export interface SandboxRequest {
  readonly method: string;
  /** Path below the version segment, e.g. `/users/x/events`, percent-decoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly requestId: string;
  readonly clientRequestId: string;
  /** True for sub-requests of a $batch (no nested batches). */
  readonly inBatch: boolean;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** Binary body (downloads). */
  raw?: Buffer;
}

export interface RouteContext {
  readonly store: SandboxStore;
  /** e.g. http://127.0.0.1:1234 */
  readonly url: string;
  /** e.g. http://127.0.0.1:1234/v1.0 */
  readonly graphBaseUrl: string;
  readonly now: () => number;
  /** Runs a sub-request through the same pipeline as a top-level one (throttling, faults, routes). */
  readonly dispatch: (req: SandboxRequest) => Promise<SandboxResponse>;
}

export type RouteHandler = (req: SandboxRequest, params: string[], ctx: RouteContext) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
}
