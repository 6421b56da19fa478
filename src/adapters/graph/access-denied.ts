import type { Logger } from '../../observability/logger.js';
import { permissionForRequest } from './permissions.js';

export interface DeniedRequest {
  readonly method: string;
  /** Absolute, or relative to the version root. */
  readonly url: string;
  /** Graph's error code ('ErrorAccessDenied', 'Authorization_RequestDenied', 'accessDenied', 'Forbidden'). */
  readonly graphCode?: string | undefined;
  /** Graph's error message: read to tell the two Exchange refusals apart, never logged. */
  readonly message?: string | undefined;
}

/**
 * A 403 from Graph says why in the log, with a code and never the request's ids or paths:
 * - `graph.mailbox_outside_access_policy`: Exchange refused a mailbox the app's application access
 *   policy leaves out ("Access to OData is disabled.", auth-limit-mailbox-access.md);
 * - `graph.permission_missing`: anything else, naming the application permission of the product's
 *   list (permissions.ts) the call needs, so council IT knows what to grant.
 */
export function reportAccessDenied(log: Logger, denied: DeniedRequest): void {
  const needed = permissionForRequest(denied.method, denied.url);
  const graphCode = denied.graphCode && /^[A-Za-z_]{1,64}$/.test(denied.graphCode) ? denied.graphCode : undefined;
  if (/access to odata is disabled/i.test(denied.message ?? '')) {
    log.warn('graph.mailbox_outside_access_policy', { code: 'graph.mailbox_outside_access_policy', operation: needed?.operation, graphCode });
    return;
  }
  log.warn('graph.permission_missing', { code: 'graph.permission_missing', permission: needed?.permission ?? 'unknown', operation: needed?.operation ?? 'unknown', graphCode });
}

/** Graph's `{ error: { code, message } }`, or nothing. */
export function graphErrorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null | undefined)?.error;
  return {
    ...(typeof error?.code === 'string' ? { code: error.code } : {}),
    ...(typeof error?.message === 'string' ? { message: error.message } : {}),
  };
}
