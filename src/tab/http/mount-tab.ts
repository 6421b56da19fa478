import type restify from 'restify';
import { mountTabApi, type TabApiDeps } from './api.js';
import type { TabAssets } from './assets.js';
import { mountTabPages } from './pages.js';

/** The tab's pages and API on the bot's server (one origin: Teams' validDomains name it once). */
export function tabMount(deps: TabApiDeps & { readonly assets: TabAssets }): (server: restify.Server) => void {
  return (server) => {
    mountTabPages(server, deps.assets, deps.log);
    mountTabApi(server, deps);
  };
}
