import type { Config } from '../../config/schema.js';
import { SANDBOX_APP_REGISTRATION } from '../../sandbox/entra/app-registration.js';
import type { SsoSettings } from './sso-token.js';

/**
 * Whose tokens the tab accepts (issue 13 item 5). In a council's tenant: Entra's v2.0 tokens for the
 * app's registration (MICROSOFT_APP_ID, or its Application ID URI `api://{PUBLIC_URL host}/botid-{id}`
 * as the manifest's webApplicationInfo names it), from the council's tenant, with keys from its
 * OpenID configuration at ENTRA_AUTHORITY_HOST. In sandbox mode: the sandbox tenant's, for the
 * product's app registration there; the same checks, only the addresses differ.
 */
export function ssoSettingsFor(config: Config): SsoSettings {
  if (config.SUPERVISION_MODE === 'tenant') {
    const audiences: string[] = [config.MICROSOFT_APP_ID];
    if (config.PUBLIC_URL) audiences.push(`api://${new URL(config.PUBLIC_URL).host}/botid-${config.MICROSOFT_APP_ID}`);
    return {
      metadataUrl: `${new URL(config.ENTRA_AUTHORITY_HOST).origin}/${config.MICROSOFT_APP_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      audiences,
      tenantId: config.MICROSOFT_APP_TENANT_ID,
    };
  }
  if (!config.GRAPH_BASE_URL) throw new Error('Configuration error: GRAPH_BASE_URL is missing; the sandbox tenant signs the tab in');
  return {
    metadataUrl: `${new URL(config.GRAPH_BASE_URL).origin}/${SANDBOX_APP_REGISTRATION.tenant}/v2.0/.well-known/openid-configuration`,
    audiences: [SANDBOX_APP_REGISTRATION.clientId],
  };
}
