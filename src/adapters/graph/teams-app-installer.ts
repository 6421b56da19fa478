import { readFileSync } from 'node:fs';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { readEnvFile } from '../../config/load-config.js';
import { fillPlaceholders } from '../../config/placeholders.js';
import type { AppInstaller } from '../../domain/ports/messenger.js';

export interface TeamsAppInstallerOptions {
  readonly graph: Client;
  /** appPackage/manifest.json "id": the catalogue's externalId. */
  readonly manifestId: string;
  /** Graph base URL for the odata bind (https://graph.microsoft.com/v1.0 in a tenant). */
  readonly graphBaseUrl: string;
}

const ZCatalog = z.object({ value: z.array(z.object({ id: z.string().min(1), externalId: z.string().nullable().optional() })) });

function statusOf(error: unknown): number | undefined {
  const s = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Installs the bot for a person who never opened it (issue 6 item 4), so Teams creates the
 * personal chat and sends the bot an installationUpdate carrying the conversation reference:
 *   GET /appCatalogs/teamsApps?$filter=externalId eq '<manifest id>'  (the catalogue id, cached)
 *   POST /users/{id}/teamwork/installedApps { "teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}" }
 * 409 means it is already installed. Needs TeamsAppInstallation.ReadWriteForUser.All.
 */
export function createTeamsAppInstaller(options: TeamsAppInstallerOptions): AppInstaller & { catalogId(): Promise<string | undefined> } {
  let catalog: Promise<string | undefined> | undefined;
  const catalogId = (): Promise<string | undefined> => {
    catalog ??= (async () => {
      const id = options.manifestId.replace(/'/g, "''");
      const raw: unknown = await options.graph.api('/appCatalogs/teamsApps').filter(`externalId eq '${id}'`).get();
      const parsed = ZCatalog.safeParse(raw);
      return parsed.success ? parsed.data.value[0]?.id : undefined;
    })().catch((error: unknown) => {
      catalog = undefined;
      throw error;
    });
    return catalog;
  };
  return {
    catalogId,
    async install(personId: string) {
      let appId: string | undefined;
      try {
        appId = await catalogId();
      } catch {
        return 'failed';
      }
      if (!appId) {
        // Not published to the organisation's catalogue: nothing to install; ask again next time.
        catalog = undefined;
        return 'failed';
      }
      try {
        await options.graph.api(`/users/${encodeURIComponent(personId)}/teamwork/installedApps`).post({
          'teamsApp@odata.bind': `${options.graphBaseUrl.replace(/\/$/, '')}/appCatalogs/teamsApps/${appId}`,
        });
        return 'installed';
      } catch (error) {
        return statusOf(error) === 409 ? 'already-installed' : 'failed';
      }
    },
  };
}

/**
 * appPackage/manifest.json's "id" (the catalogue's externalId) as an environment's package has it:
 * the manifest holds `${{TEAMS_APP_ID}}`, filled from the environment file (issue 12; default: the
 * sandbox's).
 */
export function readManifestId(path = 'appPackage/manifest.json', envFile = 'env/.env.sandbox'): string {
  const filled = fillPlaceholders(readFileSync(path, 'utf8'), readEnvFile(envFile)).text;
  const parsed = z.object({ id: z.string().uuid() }).safeParse(JSON.parse(filled));
  if (!parsed.success) throw new Error(`Configuration error: ${path} has no app id`);
  return parsed.data.id;
}
