import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { demoOrg, stableGuid, type DemoOrg } from './demo-org.js';
import { SANDBOX_APP_REGISTRATION } from './entra/app-registration.js';
import { SandboxIdentity } from './entra/identity.js';
import { FaultInjector, type FaultConfig } from './faults.js';
import { createSandboxApp } from './http/app.js';
import { nodeListener } from './http/node-listener.js';
import type { TenantContext } from './http/tenant-context.js';
import { ZFaults, ZSandboxOptions, ZThrottle, type SandboxOptions } from './options.js';
import { loadOrSeed, StateSaver } from './persistence.js';
import { seedStore } from './seed.js';
import { RequestCounters, type SandboxStats } from './stats.js';
import { SandboxStore, type StoreSnapshot } from './store.js';
import { notifySubscribers } from './subscriptions.js';
import { SandboxSwitches } from './switches.js';
import { MailboxThrottle, type ThrottleConfig } from './throttle.js';

export type { DemoOrg } from './demo-org.js';
export type { ThrottleConfig } from './throttle.js';
export type { FaultConfig } from './faults.js';
export type { SandboxStats } from './stats.js';
export { operationOf } from './stats.js';
export { ZSandboxOptions, type SandboxOptions } from './options.js';

export interface SandboxTenant {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** url + '/v1.0' — pass to Client.init as baseUrl (with defaultVersion 'v1.0', use `url`). */
  readonly graphBaseUrl: string;
  readonly org: DemoOrg;
  readonly store: SandboxStore;
  /** Entra's token endpoint for this tenant (client credentials), e.g. http://127.0.0.1:41234/{tenant-id}/oauth2/v2.0/token */
  readonly tokenEndpoint: string;
  /** App registrations, granted permissions and the signing key (for tests and issue 12's managed identity). */
  readonly identity: SandboxIdentity;
  /** Application permissions granted to the product's app; tokens issued from now on carry them. */
  setGrantedRoles(roles: readonly string[]): void;
  /** The app's application access policy: only these mailboxes (ids or addresses); undefined for every mailbox. */
  setMailboxScope(mailboxes: readonly string[] | undefined): void;
  /** Fault switches: expire every delta token now, refuse the next repeated transactionId, Teams off for a mailbox. */
  readonly switches: SandboxSwitches;
  close(): Promise<void>;
  setFaults(faults: Partial<FaultConfig>): void;
  setThrottle(throttle: Partial<ThrottleConfig>): void;
  stats(): SandboxStats;
  /** Back to the seeded demo org; counters cleared; permissions and mailbox scope as started. */
  reset(): void;
  /** Writes pending state to persistPath now. */
  flush(): Promise<void>;
}

/** Starts the sandbox tenant on 127.0.0.1: the demo organisation (or saved state) behind a Graph-compatible server. */
export async function startSandboxTenant(options: SandboxOptions = {}): Promise<SandboxTenant> {
  const opts = ZSandboxOptions.parse(options);
  const org = opts.org ?? demoOrg(opts.now ?? new Date().toISOString());
  let store = await loadOrSeed(org, opts.persistPath);
  const throttle = new MailboxThrottle(ZThrottle.parse(opts.throttle ?? {}));
  const faults = new FaultInjector(ZFaults.parse(opts.faults ?? {}));
  const counters = new RequestCounters();
  const switches = new SandboxSwitches(() => store);
  let baseUrl = '';
  const identity = new SandboxIdentity({
    tenantId: org.tenantId,
    domain: org.domain,
    baseUrl: () => baseUrl,
    now: () => Date.now(),
    servicePrincipalId: stableGuid('service-principal:supervision-assistant'),
    grantedRoles: opts.grantedRoles,
  });
  await identity.init();
  const startRoles = identity.grantedRoles(SANDBOX_APP_REGISTRATION.clientId);
  let scope: Set<string> | undefined;
  const setMailboxScope = (mailboxes: readonly string[] | undefined): void => {
    scope = mailboxes === undefined ? undefined : new Set(mailboxes.map((m) => m.toLowerCase()));
  };
  setMailboxScope(opts.mailboxScope);
  // A policy names mailboxes by address or id; a request may use either.
  const mailboxInScope = (key: string): boolean => {
    if (!scope) return true;
    const u = store.findUser(key);
    const keys = [key, u?.id, u?.mail, u?.userPrincipalName].filter((k): k is string => typeof k === 'string').map((k) => k.toLowerCase());
    return keys.some((k) => scope?.has(k));
  };
  const setGrantedRoles = (roles: readonly string[]): void => identity.setGrantedRoles(SANDBOX_APP_REGISTRATION.clientId, roles);
  const saver = new StateSaver(opts.persistPath, opts.persistDebounceMs, () => store);

  // Change notifications go out shortly after a change, batched as Graph batches them.
  let notifyTimer: NodeJS.Timeout | undefined;
  const scheduleNotify = (s: SandboxStore): void => {
    if (s.subscriptions.size === 0 || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      void notifySubscribers(s, Date.now());
    }, 50);
  };
  const watch = (s: SandboxStore): void => {
    s.onChange(() => saver.schedule());
    s.onChange(() => scheduleNotify(s));
  };
  watch(store);

  // Tests reset between cases; cloning a seeded snapshot is several times cheaper than reseeding.
  let pristine: StoreSnapshot | undefined;
  const reset = (): void => {
    pristine ??= seedStore(org).snapshot();
    store = SandboxStore.fromSnapshot(org, structuredClone(pristine));
    watch(store);
    throttle.reset();
    counters.reset();
    setGrantedRoles(startRoles);
    setMailboxScope(opts.mailboxScope);
    switches.reset();
    saver.schedule();
  };
  const setFaults = (f: Partial<FaultConfig>): void => faults.set(ZFaults.parse({ ...faults.config, ...f }), f.seed !== undefined);
  const setThrottle = (t: Partial<ThrottleConfig>): void => {
    throttle.config = ZThrottle.parse({ ...throttle.config, ...t });
  };
  const stats = (): SandboxStats => counters.snapshot(throttle);

  const tenant: TenantContext = {
    get store() {
      return store;
    },
    org,
    get url() {
      return baseUrl;
    },
    get graphBaseUrl() {
      return `${baseUrl}/v1.0`;
    },
    now: () => Date.now(),
    throttle,
    faults,
    counters,
    switches,
    identity,
    mailboxInScope,
    setMailboxScope,
    stats,
    reset,
    setFaults,
    setThrottle,
  };

  let ownHost = '';
  const app = createSandboxApp(tenant, () => ownHost);
  const server: Server = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, nodeListener(app.fetch)) : createServer(nodeListener(app.fetch));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  ownHost = `${opts.host}:${port}`;
  baseUrl = `${opts.tls ? 'https' : 'http'}://${ownHost}`;

  return {
    url: baseUrl,
    graphBaseUrl: `${baseUrl}/v1.0`,
    org,
    get store() {
      return store;
    },
    tokenEndpoint: `${baseUrl}/${org.tenantId}/oauth2/v2.0/token`,
    identity,
    setGrantedRoles,
    setMailboxScope,
    switches,
    async close() {
      if (notifyTimer) clearTimeout(notifyTimer);
      await saver.close();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
    setFaults,
    setThrottle,
    stats,
    reset,
    flush: () => saver.flush(),
  };
}
