import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../../config/schema.js';
import type { AppTokens } from '../identity/confidential-client.js';
import { ManagedIdentityFederatedCredentialsFactory } from './federated-credentials.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';

/**
 * Tenant mode validates every Bot Framework token (issuer, audience, signing keys). Sandbox mode
 * runs with no app id, which the SDK treats as "authentication disabled"; server.ts only lets
 * loopback callers reach it then.
 */
export function createAdapter(config: Config, log: Logger, appTokens?: AppTokens): CloudAdapter {
  const { settings, credentials } = botCredentials(config, appTokens);
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentials);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Never echo the error to the person: it may hold internals. Log its class, code and status
    // only: the message may quote what someone typed.
    log.error('bot.turn_failed', { activityType: context.activity.type, ...errorFields(error) });
    try {
      await context.sendActivity('Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.');
    } catch {
      log.warn('bot.turn_error_reply_failed');
    }
  };
  return adapter;
}

/**
 * The bot's own credential, by CREDENTIAL_TYPE (src/config/credentials.ts): a federated credential
 * trusting the managed identity (a council's deployment; the app's confidential client), or the
 * Entra app's client secret (a developer's own tenant). Single tenant either way.
 */
function botCredentials(config: Config, appTokens: AppTokens | undefined): { settings: Record<string, string>; credentials: ServiceClientCredentialsFactory } {
  if (config.SUPERVISION_MODE !== 'tenant') return { settings: {}, credentials: new ConfigurationServiceClientCredentialFactory({}) };
  const settings = { MicrosoftAppId: config.MICROSOFT_APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID };
  if (config.CREDENTIAL_TYPE === 'federated') {
    if (!appTokens || !config.MANAGED_IDENTITY_CLIENT_ID) throw new Error('Configuration error: CREDENTIAL_TYPE=federated needs MANAGED_IDENTITY_CLIENT_ID and the app\'s confidential client');
    const credentials = new ManagedIdentityFederatedCredentialsFactory({ appId: config.MICROSOFT_APP_ID, managedIdentityClientId: config.MANAGED_IDENTITY_CLIENT_ID, tenantId: config.MICROSOFT_APP_TENANT_ID, tokens: appTokens });
    return { settings, credentials };
  }
  const withSecret = { ...settings, MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '' };
  return { settings: withSecret, credentials: new ConfigurationServiceClientCredentialFactory(withSecret) };
}
