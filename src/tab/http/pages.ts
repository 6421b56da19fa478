import type restify from 'restify';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import type { TabAssets } from './assets.js';

/**
 * The tab's pages (issue 13 items 1–4): one page for every surface — the personal tab's three
 * views in Teams, Outlook and the Microsoft 365 app (/tab/personal), the meeting's side panel and
 * details tab (/tab/meeting) and the meeting tab's configuration (/tab/config). The browser code
 * reads the host and the frame from teams-js and shows what fits.
 */

/** Where Microsoft 365 hosts embed tabs, and this server itself (the local Teams-like host). */
const FRAME_ANCESTORS = ["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.teams.cloud.microsoft', 'https://*.office.com', 'https://outlook.office.com', 'https://outlook.office365.com', 'https://*.microsoft365.com', 'https://*.cloud.microsoft'];

export function tabPage(title: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>html,body{margin:0;padding:0;min-height:100%}body{font-family:"Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif}</style>
</head>
<body>
<div id="root"><p style="padding:16px">Loading Supervision Assistant…</p></div>
<script src="/tab/app.js"></script>
</body>
</html>
`;
}

const securityHeaders = {
  'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https://res.cdn.office.net; frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function mountTabPages(server: restify.Server, assets: TabAssets, log: Logger): void {
  const page = (title: string) => async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...securityHeaders });
    res.end(tabPage(title));
  };
  server.get('/tab', page('Supervision Assistant'));
  server.get('/tab/personal', page('My supervision'));
  server.get('/tab/meeting', page('Supervision meeting'));
  server.get('/tab/config', page('Add supervision to this meeting'));
  server.get('/tab/:asset', async (req: restify.Request, res: restify.Response) => {
    const name = String(req.params?.['asset'] ?? '');
    try {
      const body = await assets.get(name);
      if (!body) {
        res.send(404, { error: { code: 'not_found', message: 'There is nothing at this address.' } });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      res.end(body);
    } catch (error) {
      log.error('tab.assets_failed', errorFields(error));
      res.send(503, { error: { code: 'unavailable', message: 'The tab could not be prepared. Please try again in a minute.' } });
    }
  });
}
