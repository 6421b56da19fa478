import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { SANDBOX_APP_REGISTRATION } from '../../sandbox/entra/app-registration.js';

/**
 * Client credentials against an Entra-compatible token endpoint over plain HTTP: the sandbox
 * tenant's (MSAL refuses an http:// authority, and the sandbox listens on loopback only). The
 * request and answer are Entra's (v2-oauth2-client-creds-grant-flow): a form POST of grant_type,
 * client_id, client_secret and scope; `{ access_token, expires_in }` back. Tokens are reused until
 * five minutes before they expire, and one request serves every caller waiting at once.
 */
export interface ClientCredentials {
  /** e.g. http://127.0.0.1:1234/{tenant}/oauth2/v2.0/token */
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

const ZTokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });
const ZTokenError = z.object({ error: z.string(), error_codes: z.array(z.number()).optional() });
const EARLY_RENEWAL_MS = 5 * 60_000;

export function clientCredentialsTokenProvider(settings: ClientCredentials): AuthenticationProvider {
  const doFetch = settings.fetch ?? fetch;
  const now = settings.now ?? Date.now;
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const request = async (): Promise<string> => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      scope: settings.scope ?? 'https://graph.microsoft.com/.default',
    });
    const res = await doFetch(settings.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(30_000) });
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const refusal = ZTokenError.safeParse(json);
      // Entra's error and AADSTS code say what is wrong (tenant, client, secret, scope); its description may quote input, so it stays out.
      const code = refusal.success ? `${refusal.data.error}${refusal.data.error_codes?.[0] ? ` AADSTS${refusal.data.error_codes[0]}` : ''}` : `HTTP ${res.status}`;
      throw Object.assign(new Error(`The token endpoint refused client credentials (${code})`), { statusCode: res.status, code: refusal.success ? refusal.data.error : undefined });
    }
    const answer = ZTokenAnswer.parse(json);
    cached = { token: answer.access_token, renewAt: now() + answer.expires_in * 1000 - EARLY_RENEWAL_MS };
    return answer.access_token;
  };
  return {
    async getAccessToken() {
      if (cached && now() < cached.renewAt) return cached.token;
      inFlight ??= request().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}

/** A token provider that learns its token endpoint from the Graph base URL it is used with. */
export interface GraphBoundTokenProvider extends AuthenticationProvider {
  forGraph(graphBaseUrl: string): AuthenticationProvider;
}

export function isGraphBound(tokens: AuthenticationProvider): tokens is GraphBoundTokenProvider {
  return typeof (tokens as Partial<GraphBoundTokenProvider>).forGraph === 'function';
}

/**
 * Sandbox mode: the product's app registration in the sandbox tenant signs in with client
 * credentials at the sandbox's Entra token endpoint, on the same host as its Graph
 * (`{origin}/{tenant}/oauth2/v2.0/token`), and gets a real RS256 token with the app's granted
 * roles. createGraphClient binds it to its base URL; used unbound it has no endpoint to ask.
 */
export function sandboxTokenProvider(options: { readonly clientId?: string; readonly clientSecret?: string; readonly tenant?: string } = {}): GraphBoundTokenProvider {
  const bound = new Map<string, AuthenticationProvider>();
  const forGraph = (graphBaseUrl: string): AuthenticationProvider => {
    const origin = new URL(graphBaseUrl).origin;
    let provider = bound.get(origin);
    if (!provider) {
      provider = clientCredentialsTokenProvider({
        tokenEndpoint: `${origin}/${options.tenant ?? SANDBOX_APP_REGISTRATION.tenant}/oauth2/v2.0/token`,
        clientId: options.clientId ?? SANDBOX_APP_REGISTRATION.clientId,
        clientSecret: options.clientSecret ?? SANDBOX_APP_REGISTRATION.clientSecret,
      });
      bound.set(origin, provider);
    }
    return provider;
  };
  return {
    forGraph,
    getAccessToken: () => Promise.reject(new Error('sandboxTokenProvider is used through createGraphClient, which tells it the sandbox address')),
  };
}
