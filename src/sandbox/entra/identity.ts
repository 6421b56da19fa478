import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { defaultGrantedRoles, productApplication, type SandboxApplication } from './app-registration.js';

/** Microsoft Graph's resource (application ID URI) and its well-known application id. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Entra's access tokens last an hour (expires_in 3599 in the token response). */
export const ACCESS_TOKEN_SECONDS = 3599;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** Who called a Graph route: from a verified access token. */
export interface Caller {
  readonly appId: string;
  readonly servicePrincipalId: string;
  readonly roles: ReadonlySet<string>;
}

export interface IdentityOptions {
  readonly tenantId: string;
  readonly domain: string;
  /** e.g. http://127.0.0.1:1234, known once the server listens. */
  readonly baseUrl: () => string;
  readonly now: () => number;
  readonly servicePrincipalId: string;
  /** Application permissions granted to the product's app (default: the product's own list). */
  readonly grantedRoles?: readonly string[] | undefined;
}

/**
 * The sandbox tenant's Entra side: its app registrations and their granted application
 * permissions, and an RS256 key of its own that signs every token it issues (published as JWKS).
 * Graph routes accept only tokens it signed, for Graph, unexpired (authenticate middleware).
 */
export class SandboxIdentity {
  readonly tenantId: string;
  readonly domain: string;
  private readonly baseUrl: () => string;
  private readonly now: () => number;
  private readonly applications = new Map<string, SandboxApplication>();
  private readonly grants = new Map<string, Set<string>>();
  private key: { kid: string; privateKey: KeyPair['privateKey']; publicKey: KeyPair['publicKey']; jwk: JWK } | undefined;
  /** Verified tokens, so a batch of twenty or a busy mailbox does not verify the same token again. */
  private readonly verified = new Map<string, { caller: Caller; exp: number }>();

  constructor(options: IdentityOptions) {
    this.tenantId = options.tenantId;
    this.domain = options.domain;
    this.baseUrl = options.baseUrl;
    this.now = options.now;
    const product = productApplication(options.servicePrincipalId);
    this.register(product, options.grantedRoles ?? defaultGrantedRoles());
  }

  /** Generates the signing key; call once before serving. */
  async init(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    this.key = { kid, privateKey, publicKey, jwk: { ...jwk, kid, use: 'sig', alg: 'RS256' } };
  }

  private signingKey() {
    if (!this.key) throw new Error('sandbox identity used before init()');
    return this.key;
  }

  register(app: SandboxApplication, roles: readonly string[]): void {
    this.applications.set(app.clientId.toLowerCase(), app);
    this.grants.set(app.clientId.toLowerCase(), new Set(roles));
  }

  application(clientId: string): SandboxApplication | undefined {
    return this.applications.get(clientId.toLowerCase());
  }

  /** The application permissions (app roles) an app holds now; tokens issued later carry them. */
  grantedRoles(clientId: string): string[] {
    return [...(this.grants.get(clientId.toLowerCase()) ?? [])].sort();
  }

  /**
   * An admin changes the grant (consent). As in Entra, tokens already issued keep the roles they
   * were issued with until they expire; the next token carries the new set.
   */
  setGrantedRoles(clientId: string, roles: readonly string[]): void {
    if (!this.applications.has(clientId.toLowerCase())) throw new Error(`no app registration ${clientId}`);
    this.grants.set(clientId.toLowerCase(), new Set(roles));
  }

  /** Adds a federated identity credential to an app registration (issue 12: managed identity). */
  addFederatedCredential(clientId: string, credential: SandboxApplication['federatedCredentials'][number]): void {
    const app = this.application(clientId);
    if (!app) throw new Error(`no app registration ${clientId}`);
    this.applications.set(clientId.toLowerCase(), { ...app, federatedCredentials: [...app.federatedCredentials, credential] });
  }

  /** True for the tenant's id or its verified domain, as Entra reads the tenant segment. */
  isThisTenant(segment: string): boolean {
    const s = segment.toLowerCase();
    return s === this.tenantId.toLowerCase() || s === this.domain.toLowerCase();
  }

  /** v2.0 issuer (ID tokens, v2 access tokens, the OpenID configuration). */
  issuerV2(): string {
    return `${this.baseUrl()}/${this.tenantId}/v2.0`;
  }

  /**
   * v1.0 issuer: Graph's access tokens are v1.0 tokens (Graph accepts v1), issued in a tenant by
   * https://sts.windows.net/{tenant}/; the sandbox's own host stands in for sts.windows.net.
   */
  issuerV1(): string {
    return `${this.baseUrl()}/${this.tenantId}/`;
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.signingKey().jwk] };
  }

  /** Signs any claims with the tenant's key (the token endpoint, and issue 12's managed identity). */
  async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    const { privateKey, kid } = this.signingKey();
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  /** An app-only access token for Graph with the app's granted roles (client credentials). */
  async issueGraphToken(app: SandboxApplication, credential: 'secret' | 'assertion'): Promise<string> {
    return this.sign(
      {
        aud: GRAPH_RESOURCE,
        iss: this.issuerV1(),
        idp: this.issuerV1(),
        app_displayname: app.displayName,
        appid: app.clientId,
        // 1: the client authenticated with a secret; 2: with a certificate or assertion.
        appidacr: credential === 'secret' ? '1' : '2',
        idtyp: 'app',
        oid: app.servicePrincipalId,
        sub: app.servicePrincipalId,
        roles: this.grantedRoles(app.clientId),
        tid: this.tenantId,
        ver: '1.0',
      },
      ACCESS_TOKEN_SECONDS,
    );
  }

  /** Verifies a token this tenant signed for `audience` (signature, issuer, lifetime). */
  async verify(token: string, options: { audience: string | readonly string[]; issuer: string | readonly string[] }): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.signingKey().publicKey, {
      algorithms: ['RS256'],
      audience: [...(typeof options.audience === 'string' ? [options.audience] : options.audience)],
      issuer: [...(typeof options.issuer === 'string' ? [options.issuer] : options.issuer)],
      currentDate: new Date(this.now()),
    });
    return payload;
  }

  /** The caller behind a Graph bearer token; throws (jose's errors) when it is not valid for Graph. */
  async graphCaller(token: string): Promise<Caller> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const known = this.verified.get(token);
    if (known && known.exp > nowSeconds) return known.caller;
    const payload = await this.verify(token, { audience: [GRAPH_RESOURCE, GRAPH_APP_ID], issuer: this.issuerV1() });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const caller: Caller = { appId: String(payload.appid ?? ''), servicePrincipalId: String(payload.oid ?? ''), roles: new Set(roles) };
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(token, { caller, exp: payload.exp ?? nowSeconds });
    return caller;
  }
}
