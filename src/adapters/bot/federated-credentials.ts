import { AppCredentials, FederatedServiceClientCredentialsFactory, type AuthenticatorResult } from 'botframework-connector';
import type { AppTokens } from '../identity/confidential-client.js';

/** The Bot Framework's token audience (the connector's default "to channel from bot" scope). */
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/**
 * The bot's outbound tokens from the app's confidential client: the same MSAL client (and so the
 * same federated credential) that gets Graph's tokens, asked for the Bot Framework's scope.
 */
class EntraAppCredentials extends AppCredentials {
  constructor(appId: string, tenantId: string, oAuthScope: string, private readonly tokens: AppTokens) {
    super(appId, tenantId, oAuthScope);
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const token = await this.tokens.token(`${this.oAuthScope}/.default`);
    return { accessToken: token.accessToken, expiresOn: token.expiresOn };
  }
}

/**
 * A federated credential trusting the web app's user-assigned managed identity authenticates the
 * bot: botframework-connector's FederatedServiceClientCredentialsFactory keeps the bot's id the
 * council's Entra application (which the tab's single sign-on also needs) and always validates
 * incoming tokens. Its credentials are built here instead of by the connector's
 * FederatedAppCredentials, which sends every token request to login.microsoftonline.com (no
 * national cloud, no sandbox tenant in tests) and fetches a new managed identity token for every
 * connector client it makes; these share one MSAL client and its token cache.
 */
export class ManagedIdentityFederatedCredentialsFactory extends FederatedServiceClientCredentialsFactory {
  constructor(
    private readonly settings: { readonly appId: string; readonly managedIdentityClientId: string; readonly tenantId: string; readonly tokens: AppTokens },
  ) {
    super(settings.appId, settings.managedIdentityClientId, settings.tenantId);
  }

  override async createCredentials(appId: string, audience?: string): Promise<AppCredentials> {
    if (!(await this.isValidAppId(appId))) throw new Error('ManagedIdentityFederatedCredentialsFactory.createCredentials(): invalid app id');
    return new EntraAppCredentials(this.settings.appId, this.settings.tenantId, audience || BOT_FRAMEWORK_SCOPE, this.settings.tokens);
  }
}
