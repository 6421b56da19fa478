import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client.js';
import { GRAPH_PERMISSION_NAMES } from '../../../../src/adapters/graph/permissions.js';
import { ensureSupervisionLibrary, findSupervisionLibrary } from '../../../../src/adapters/graph/sharepoint/supervision-library.js';
import { sandboxTokenProvider } from '../../../../src/adapters/graph/token-providers.js';
import { isAppError } from '../../../../src/domain/errors.js';
import type { SandboxTenant } from '../../../../src/sandbox/graph-server.js';
import { removeLibrary } from '../../../../src/sandbox/library-model.js';
import { startTenant } from '../../../sandbox/helpers.js';

/** Finding and making the supervision library (list-list.md, list-create.md, drive-get.md) against the sandbox tenant. */
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant({ port: 0 });
});
afterAll(() => tenant.close());
beforeEach(() => {
  tenant.reset();
  removeLibrary(tenant.store, tenant.org.site.supervisionLibrary.listId);
  tenant.setGrantedRoles([...GRAPH_PERMISSION_NAMES, 'Sites.Manage.All']);
});

const SITE = 'northshire.sharepoint.example:/sites/supervision';
const client = (): Client => createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), maxRetries: 0 });
const named = (name: string) => [...tenant.store.libraries.values()].filter((l) => l.displayName.toLowerCase() === name.toLowerCase());

describe('the supervision library', () => {
  it('is made when the site has none of that name, its own drive beside the default Documents; a second run finds it', async () => {
    const graph = client();
    const first = await ensureSupervisionLibrary(graph, SITE, 'Supervision Files');
    expect(first.created).toBe(true);
    expect(first.library).toMatchObject({ siteId: tenant.org.site.id, name: 'Supervision Files' });
    expect(first.library.driveId).not.toBe(tenant.org.site.defaultLibrary.driveId);
    expect(first.library.driveId).toBe(named('Supervision Files')[0]!.driveId);
    const second = await ensureSupervisionLibrary(graph, SITE, 'supervision files');
    expect(second).toEqual({ library: first.library, created: false });
    expect(await findSupervisionLibrary(graph, SITE, 'Supervision Files')).toEqual(first.library);
    expect(named('Supervision Files')).toHaveLength(1);
  });

  it('made by another run between the read and the create (409 nameAlreadyExists): this run reads it again and goes on', async () => {
    const other = client();
    const graph = client();
    let raced = 0;
    // The other run's POST lands just before this one's.
    const racing = new Proxy(graph, {
      get(target, key, receiver) {
        if (key !== 'api') return Reflect.get(target, key, receiver) as unknown;
        return (path: string) => {
          const request = target.api(path);
          if (!path.endsWith('/lists')) return request;
          const post = request.post.bind(request);
          request.post = async (body: unknown) => {
            raced++;
            await other.api(path).post(body);
            return post(body);
          };
          return request;
        };
      },
    });
    const result = await ensureSupervisionLibrary(racing, SITE, 'Supervision Files');
    expect(raced).toBe(1);
    expect(result.created).toBe(false);
    expect(named('Supervision Files')).toHaveLength(1);
    expect(result.library.listId).toBe(named('Supervision Files')[0]!.listId);
  });

  it('missing: a plain error naming the library and the fix', async () => {
    const error = await findSupervisionLibrary(client(), SITE, 'Supervision Files').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.message).toBe('The SharePoint site has no document library called "Supervision Files" (SHAREPOINT_LIBRARY). Fix: run supervision setup sharepoint to create it.');
    expect(isAppError(error) && error.details).toMatchObject({ library: 'Supervision Files', permanent: true });
  });

  it('without Sites.Manage.All the library is not made (403), and nothing is left half-made', async () => {
    tenant.setGrantedRoles(GRAPH_PERMISSION_NAMES);
    await expect(ensureSupervisionLibrary(client(), SITE, 'Supervision Files')).rejects.toMatchObject({ statusCode: 403 });
    expect(named('Supervision Files')).toHaveLength(0);
  });
});
