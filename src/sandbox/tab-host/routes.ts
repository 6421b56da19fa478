/**
 * A local Teams-like host for the tab (issue 13 item 6). The Microsoft 365 Agents Playground does
 * not host tabs (its README: the manifest is not processed and SSO is not supported), so `npm start`
 * serves this page beside the tab, on the bot's own origin: it embeds the tab in an iframe and
 * answers the teams-js messages the tab sends its parent (src/sandbox/tab-host/web/host.ts), with
 * a person picker and a host picker (Teams, Outlook, the Microsoft 365 app, the meeting's side
 * panel). getAuthToken is answered with a token the sandbox tenant signs for the chosen person
 * (src/sandbox/entra/user-tokens.ts), so the tab's API validates it as it validates Entra's.
 * Sandbox mode only; the bot's server listens on loopback there, and this module also refuses
 * anyone else.
 */
import type restify from 'restify';
import { z } from 'zod';
import { isLoopback } from '../../server.js';
import type { TabAssets } from '../../tab/http/assets.js';

export interface HostPerson {
  readonly alias: string;
  readonly id: string;
  readonly name: string;
  readonly jobTitle: string;
  readonly userPrincipalName: string;
}

export interface TabHostOptions {
  readonly people: readonly HostPerson[];
  /** A delegated token for the tab's API (served at `apiHost`), for one person. */
  readonly tokenFor: (userPrincipalName: string, apiHost: string) => Promise<string>;
  /** host.js, bundled like the tab. */
  readonly assets: TabAssets;
  readonly tenantId: string;
  readonly councilName: string;
}

export const HOST_ENTRIES: Readonly<Record<string, string>> = { 'host.js': 'src/sandbox/tab-host/web/host.ts' };

/** The address `npm start` prints. */
export function hostAddress(serverUrl: string, alias: string, host: 'teams' | 'outlook' | 'office' = 'teams', frame: 'content' | 'sidePanel' = 'content'): string {
  return `${serverUrl}/host?person=${encodeURIComponent(alias)}&host=${host}&frame=${frame}`;
}

function page(options: TabHostOptions): string {
  const config = JSON.stringify({
    people: options.people.map((p) => ({ alias: p.alias, name: p.name, jobTitle: p.jobTitle, id: p.id, upn: p.userPrincipalName })),
    tenantId: options.tenantId,
    councilName: options.councilName,
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Supervision Assistant — local Teams-like host</title>
<style>
body{margin:0;font-family:"Segoe UI",-apple-system,Roboto,sans-serif;background:#ebebeb;color:#242424}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:8px 16px;background:#464775;color:#fff}
header h1{font-size:16px;font-weight:600;margin:0 16px 0 0}
header label{font-size:13px;display:flex;gap:6px;align-items:center}
header select{font:inherit;padding:2px 4px}
main{display:flex;justify-content:center;padding:16px}
#frame-box{background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2);width:100%;max-width:1200px;height:calc(100vh - 110px)}
#frame-box.sidePanel{width:320px}
iframe{border:0;width:100%;height:100%}
</style>
</head>
<body>
<header>
<h1>Local host (sandbox)</h1>
<label>Person <select id="person"></select></label>
<label>Host <select id="host"><option value="teams">Teams</option><option value="outlook">Outlook</option><option value="office">Microsoft 365 app</option></select></label>
<label>Frame <select id="frame"><option value="content">Personal tab</option><option value="sidePanel">Meeting side panel</option></select></label>
<label>Theme <select id="theme"><option value="default">Default</option><option value="dark">Dark</option><option value="contrast">High contrast</option></select></label>
</header>
<main><div id="frame-box"><iframe id="tab" title="Supervision Assistant tab"></iframe></div></main>
<script id="host-config" type="application/json">${config}</script>
<script src="/host/host.js"></script>
</body>
</html>
`;
}

const ZTokenQuery = z.object({ person: z.string().min(1).max(100) });

export function mountTabHost(server: restify.Server, options: TabHostOptions): void {
  const loopbackOnly = (req: restify.Request, res: restify.Response): boolean => {
    if (isLoopback(req.socket.remoteAddress)) return true;
    res.send(403, { error: { code: 'forbidden', message: 'The local host answers this machine only.' } });
    return false;
  };
  server.get('/host', async (req: restify.Request, res: restify.Response) => {
    if (!loopbackOnly(req, res)) return;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(page(options));
  });
  server.get('/host/host.js', async (req: restify.Request, res: restify.Response) => {
    if (!loopbackOnly(req, res)) return;
    const body = await options.assets.get('host.js').catch(() => undefined);
    if (!body) {
      res.send(503, { error: { code: 'unavailable', message: 'The local host could not be prepared.' } });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(body);
  });
  // What Teams does for getAuthToken: sign the chosen person in and ask Entra (here, the sandbox
  // tenant) for a token for the app's API at this address.
  server.get('/host/api/token', async (req: restify.Request, res: restify.Response) => {
    if (!loopbackOnly(req, res)) return;
    res.setHeader('cache-control', 'no-store');
    const parsed = ZTokenQuery.safeParse(req.query);
    const person = parsed.success ? options.people.find((p) => p.alias === parsed.data.person) : undefined;
    if (!person) {
      res.send(400, { error: { code: 'invalid_input', message: 'Choose someone from the demo organisation.' } });
      return;
    }
    const host = req.headers.host ?? '127.0.0.1';
    try {
      res.send(200, { token: await options.tokenFor(person.userPrincipalName, host) });
    } catch {
      res.send(503, { error: { code: 'unavailable', message: 'The sandbox tenant did not sign the person in.' } });
    }
  });
}
