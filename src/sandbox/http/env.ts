import { Hono } from 'hono';
import { PatternRouter } from 'hono/router/pattern-router';
import type { Caller } from '../entra/identity.js';
import type { TenantContext } from './tenant-context.js';

/** Sends a $batch sub-request through the whole app, as if it had come over HTTP, as the batch's caller. */
export type SubRequestDispatcher = (request: Request, caller: Caller) => Promise<Response>;

export interface SandboxEnv {
  Bindings: {
    /** Set for $batch sub-requests: they are not HTTP requests of their own. */
    inBatch?: boolean;
    /** A $batch sub-request runs as the batch's (already authenticated) caller. */
    caller?: Caller;
  };
  Variables: {
    tenant: TenantContext;
    dispatch: SubRequestDispatcher;
    requestId: string;
    clientRequestId: string;
    /** Who called: from the bearer token (middleware/authenticate.ts). */
    caller: Caller;
    /** SharePoint's upload and download URLs are not Graph: their errors carry no innerError. */
    plainErrors?: boolean;
  };
}

export type PathReader = (request: Request, options?: { env?: SandboxEnv['Bindings'] }) => string;

/**
 * Every Hono app of the sandbox. PatternRouter because Graph addresses drive items and sites by
 * path inside a segment (`root:/a/b.pdf:/content`, `/sites/host:/sites/x:`), which needs route
 * parameters that span slashes in mid-path.
 */
export function sandboxHono(getPath?: PathReader): Hono<SandboxEnv> {
  return new Hono<SandboxEnv>({ router: new PatternRouter(), ...(getPath ? { getPath } : {}) });
}
