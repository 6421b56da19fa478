import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import { checkAccessToken, type RolesCheck } from './permissions.js';
import { isGraphBound } from './sandbox-token-provider.js';

/**
 * What the app's own Graph token grants, against the product's permission list: asks the token
 * provider the Graph client uses (bound to the sandbox's address in sandbox mode) for a token and
 * reads its roles. For startup and `supervision doctor`.
 */
export async function grantedGraphPermissions(tokens: AuthenticationProvider, graphBaseUrl: string): Promise<RolesCheck & { readonly readable: boolean }> {
  const provider = isGraphBound(tokens) ? tokens.forGraph(graphBaseUrl) : tokens;
  return checkAccessToken(await provider.getAccessToken());
}

/**
 * At startup: one `graph.permission_missing` warning per permission of the list the app's token
 * lacks, naming it, so council IT sees at once what to grant instead of features failing quietly
 * later; `graph.permissions_checked` otherwise. A token that cannot be had is logged by code.
 */
export async function reportGraphPermissions(options: { readonly tokens: AuthenticationProvider; readonly graphBaseUrl: string; readonly log: Logger }): Promise<void> {
  const { log } = options;
  try {
    const check = await grantedGraphPermissions(options.tokens, options.graphBaseUrl);
    for (const p of check.missing) log.warn('graph.permission_missing', { code: 'graph.permission_missing', permission: p.name, operation: 'startup' });
    if (check.extra.length > 0) log.info('graph.permissions_beyond_need', { code: 'graph.permissions_beyond_need', permissions: check.extra.join(' ') });
    if (check.ok) log.info('graph.permissions_checked', { code: 'graph.permissions_checked', missing: 0 });
  } catch (error) {
    log.warn('graph.token_unavailable', { ...errorFields(error) });
  }
}
