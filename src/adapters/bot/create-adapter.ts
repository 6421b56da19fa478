import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../../config/schema.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';

/**
 * Tenant mode validates every Bot Framework token (issuer, audience, signing keys). Sandbox mode
 * runs with no app id, which the SDK treats as "authentication disabled"; server.ts only lets
 * loopback callers reach it then.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const settings =
    config.SUPERVISION_MODE === 'tenant'
      ? {
          MicrosoftAppId: config.MICROSOFT_APP_ID,
          MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
        }
      : {};
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
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
