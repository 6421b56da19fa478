/**
 * The tab's single sign-on token, checked on every tab API request (issue 13 item 5; DESIGN.md
 * "Security"). teams-js `authentication.getAuthToken()` gives the tab an Entra v2.0 access token
 * for the app's own exposed API; the tab sends it as `Authorization: Bearer …`. It is accepted only
 * when all of these hold, each checked by jose or here:
 * - signed RS256 (no other algorithm, never `none`) by a key in the tenant's published key set
 *   (the JWKS named by the OpenID configuration, fetched once and cached; an unknown key id makes
 *   jose fetch the set again, at most every 30 seconds, so a key rollover is followed);
 * - issued by the council's tenant (`iss` as its OpenID configuration states it), for the app
 *   (`aud` its application id or Application ID URI), and within its lifetime;
 * - `tid` is the council's tenant and `scp` holds `access_as_user` (a delegated token for this
 *   API, not an app-only token or one for another scope);
 * - `oid` names the person: it is who the request acts as.
 * The same code checks the sandbox tenant's tokens and Entra's: only the OpenID configuration's
 * address differs.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';

export const REQUIRED_SCOPE = 'access_as_user';

export interface SsoSettings {
  /** `{authority}/{tenant}/v2.0/.well-known/openid-configuration` of the council's tenant. */
  readonly metadataUrl: string;
  /** The app's application (client) id and its Application ID URI(s). */
  readonly audiences: readonly string[];
  /** The council's tenant id; without it, the tenant the OpenID configuration's issuer names. */
  readonly tenantId?: string | undefined;
  /** Seconds of clock difference tolerated on exp and nbf (default 60). */
  readonly clockToleranceSeconds?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

/** Who a valid token speaks for. */
export interface SsoIdentity {
  /** Entra object id: the person the request acts as. */
  readonly personId: string;
  readonly tenantId: string;
  readonly name?: string | undefined;
}

export type RejectionReason = 'missing' | 'malformed' | 'expired' | 'signature' | 'algorithm' | 'issuer' | 'audience' | 'tenant' | 'scope' | 'subject';

/** A token refused: the request gets 401; `reason` goes to the log (never the token or its claims). */
export class TokenRejected extends Error {
  constructor(readonly reason: RejectionReason) {
    super(`sign-in token refused: ${reason}`);
    this.name = 'TokenRejected';
  }
}

/** The tenant's keys or OpenID configuration could not be read: the request gets 503, not 401. */
export class SigningKeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('the tenant signing keys could not be read', { cause });
    this.name = 'SigningKeysUnavailable';
  }
}

const ZMetadata = z.object({ issuer: z.url(), jwks_uri: z.url() });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Entra's v2 issuer: `{authority}/{tenant id}/v2.0`. */
const ISSUER_TENANT = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;
/** The OpenID configuration is read again after a day (Entra's keys roll over every few weeks). */
const METADATA_TTL_MS = 24 * 60 * 60_000;

export interface SsoValidator {
  validate(authorization: string | undefined): Promise<SsoIdentity>;
}

export function ssoValidator(settings: SsoSettings): SsoValidator {
  const now = settings.now ?? Date.now;
  const doFetch = settings.fetch ?? fetch;
  type Keys = { issuer: string; tenantId: string; keys: ReturnType<typeof createRemoteJWKSet>; readAt: number };
  let current: Keys | undefined;
  let loading: Promise<Keys> | undefined;

  const load = async (): Promise<Keys> => {
    let metadata: z.infer<typeof ZMetadata>;
    try {
      const res = await doFetch(settings.metadataUrl, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`OpenID configuration answered HTTP ${res.status}`);
      metadata = ZMetadata.parse(await res.json());
    } catch (error) {
      throw new SigningKeysUnavailable(error);
    }
    const tenantId = (settings.tenantId ?? ISSUER_TENANT.exec(metadata.issuer)?.[1] ?? '').toLowerCase();
    if (!GUID.test(tenantId)) throw new SigningKeysUnavailable(new Error('no tenant id: set it, or use a tenant-specific OpenID configuration'));
    // jose keeps the key set cached, fetches it again for an unknown key id (at most every 30 s),
    // and refuses keys whose algorithm does not fit.
    const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 60 * 60_000, timeoutDuration: 10_000 });
    return { issuer: metadata.issuer, tenantId, keys, readAt: now() };
  };

  const keysNow = async (): Promise<Keys> => {
    if (current && now() - current.readAt < METADATA_TTL_MS) return current;
    loading ??= load().then(
      (k) => {
        current = k;
        loading = undefined;
        return k;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };

  return {
    async validate(authorization) {
      const token = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization ?? '')?.[1];
      if (!authorization?.trim()) throw new TokenRejected('missing');
      if (!token || token.length > 16_384) throw new TokenRejected('malformed');
      const { issuer, tenantId, keys } = await keysNow();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer,
          audience: [...settings.audiences],
          currentDate: new Date(now()),
          clockTolerance: settings.clockToleranceSeconds ?? 60,
          requiredClaims: ['exp', 'iat', 'tid', 'oid'],
        }));
      } catch (error) {
        throw new TokenRejected(reasonOf(error));
      }
      if (typeof payload.tid !== 'string' || payload.tid.toLowerCase() !== tenantId) throw new TokenRejected('tenant');
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(REQUIRED_SCOPE)) throw new TokenRejected('scope');
      if (typeof payload.oid !== 'string' || !GUID.test(payload.oid)) throw new TokenRejected('subject');
      return { personId: payload.oid.toLowerCase(), tenantId, name: typeof payload.name === 'string' ? payload.name.slice(0, 200) : undefined };
    },
  };
}

function reasonOf(error: unknown): RejectionReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'signature';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'tid') return 'tenant';
    if (error.claim === 'oid') return 'subject';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'expired';
    return 'malformed';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  // The key set could not be fetched or read (timeout, HTTP error, not a key set): not the token's fault.
  throw new SigningKeysUnavailable(error);
}
