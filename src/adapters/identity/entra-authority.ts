/**
 * Where Entra's token endpoint is, as MSAL takes it. MSAL knows Entra's own hosts (public and
 * national clouds); any other host it first asks login.microsoftonline.com about, unless the host is
 * listed as a known authority. The sandbox tenant (tests, `supervision doctor` against the sandbox)
 * is such a host: it is declared, so nothing leaves this machine.
 */
const entraHosts = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface MsalAuthority {
  /** e.g. https://login.microsoftonline.com/{tenant} */
  readonly authority: string;
  readonly knownAuthorities?: string[];
}

export function msalAuthority(authorityHost: string, tenantId: string): MsalAuthority {
  const url = new URL(authorityHost);
  if (url.protocol !== 'https:') throw new Error(`the Entra authority must be https (got ${url.origin})`);
  const authority = `${url.origin}/${tenantId}`;
  return entraHosts.has(url.hostname) ? { authority } : { authority, knownAuthorities: [url.host] };
}
