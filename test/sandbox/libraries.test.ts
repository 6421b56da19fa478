/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client on the wire would */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_PERMISSION_NAMES } from '../../src/adapters/graph/permissions.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { loadOrSeed } from '../../src/sandbox/persistence.js';
import { demoOrg } from '../../src/sandbox/demo-org.js';
import { raw, sandboxToken, startTenant, testNow } from './helpers.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The supervision site's document libraries as Graph shows them: the default 'Documents', the
 * supervision library, and libraries made through POST /sites/{id}/lists (list-create.md), each
 * with its own list, drive and root (list-list.md, drive-get.md).
 */
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant({ port: 0 });
});
afterAll(() => tenant.close());
beforeEach(async () => {
  tenant.reset();
  // A token with the granted roles as reset leaves them (an earlier case may have added Sites.Manage.All).
  await sandboxToken(tenant, { fresh: true });
});

const siteId = () => tenant.org.site.id;

async function withManage(): Promise<void> {
  tenant.setGrantedRoles([...GRAPH_PERMISSION_NAMES, 'Sites.Manage.All']);
  await sandboxToken(tenant, { fresh: true });
}

async function createLibrary(displayName: string): Promise<{ status: number; json: any }> {
  return raw(tenant, 'POST', `/sites/${siteId()}/lists`, { displayName, list: { template: 'documentLibrary' } });
}

describe('the site’s document libraries', () => {
  it('lists the default Documents and the supervision library, each a documentLibrary with its own list and drive', async () => {
    const lists = await raw(tenant, 'GET', `/sites/${siteId()}/lists`);
    expect(lists.status).toBe(200);
    expect(lists.json.value.map((l: any) => [l.displayName, l.list.template])).toEqual([
      ['Documents', 'documentLibrary'],
      ['Supervision Files', 'documentLibrary'],
    ]);
    const [documents, supervision] = lists.json.value;
    const dDrive = await raw(tenant, 'GET', `/sites/${siteId()}/lists/${documents.id}/drive`);
    const sDrive = await raw(tenant, 'GET', `/sites/${siteId()}/lists/${supervision.id}/drive`);
    expect(dDrive.json).toMatchObject({ id: tenant.org.site.defaultLibrary.driveId, name: 'Documents', driveType: 'documentLibrary' });
    expect(sDrive.json).toMatchObject({ id: tenant.org.site.supervisionLibrary.driveId, name: 'Supervision Files' });
    const byPath = await raw(tenant, 'GET', `/sites/${tenant.org.site.hostname}:${tenant.org.site.serverRelativePath}:/lists/${supervision.id}/drive`);
    expect(byPath.json.id).toBe(sDrive.json.id);
    expect((await raw(tenant, 'GET', `/sites/${siteId()}/lists/${supervision.id}`)).json).toMatchObject({ id: supervision.id, displayName: 'Supervision Files' });
  });

  it('a file put in one library is not in another; its list item names its own list', async () => {
    const s = tenant.org.site.supervisionLibrary.driveId;
    const put = await raw(tenant, 'PUT', `/drives/${s}/root:/Employees/a.json:/content`, '{"a":1}', { 'content-type': 'application/json' });
    expect(put.status).toBe(201);
    expect((await raw(tenant, 'GET', `/sites/${siteId()}/drive/root:/Employees/a.json`)).status).toBe(404);
    expect((await raw(tenant, 'GET', `/drives/${tenant.org.site.defaultLibrary.driveId}/items/${put.json.id}`)).status).toBe(404);
    const li = await raw(tenant, 'GET', `/drives/${s}/items/${put.json.id}/listItem?$select=id,sharepointIds`);
    expect(li.json.sharepointIds.listId).toBe(tenant.org.site.supervisionLibrary.listId);
    expect(put.json.webUrl).toContain('/sites/supervision/Supervision%20Files/Employees/a.json');
  });

  it('creates a library (201) with its own list id, drive id, root and SharePoint’s own columns only', async () => {
    await withManage();
    const made = await createLibrary('Board Papers');
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ displayName: 'Board Papers', list: { template: 'documentLibrary' } });
    const known = [tenant.org.site.defaultLibrary.listId, tenant.org.site.supervisionLibrary.listId];
    expect(known).not.toContain(made.json.id);
    const drive = await raw(tenant, 'GET', `/sites/${siteId()}/lists/${made.json.id}/drive`);
    expect(drive.status).toBe(200);
    expect([tenant.org.site.defaultLibrary.driveId, tenant.org.site.supervisionLibrary.driveId]).not.toContain(drive.json.id);
    expect((await raw(tenant, 'GET', `/drives/${drive.json.id}`)).json.name).toBe('Board Papers');
    const root = await raw(tenant, 'GET', `/drives/${drive.json.id}/root/children`);
    expect(root.json.value).toEqual([]);
    const put = await raw(tenant, 'PUT', `/drives/${drive.json.id}/root:/minutes.txt:/content`, 'minutes', { 'content-type': 'text/plain' });
    expect(put.status).toBe(201);
    const li = await raw(tenant, 'GET', `/drives/${drive.json.id}/items/${put.json.id}/listItem?$select=id,sharepointIds`);
    expect(li.json).toMatchObject({ id: '1', sharepointIds: { listId: made.json.id } });
    const columns = await raw(tenant, 'GET', `/sites/${siteId()}/lists/${made.json.id}/columns`);
    expect(columns.json.value.map((c: any) => c.name)).not.toContain('RecordHash');
    // SharePoint takes only the list's own columns.
    const refused = await raw(tenant, 'PATCH', `/sites/${siteId()}/lists/${made.json.id}/items/1/fields`, { RecordHash: 'x' });
    expect(refused.status).toBe(400);
    const lists = await raw(tenant, 'GET', `/sites/${siteId()}/lists`);
    expect(lists.json.value.map((l: any) => l.displayName)).toEqual(['Documents', 'Supervision Files', 'Board Papers']);
  });

  it('refuses a taken name whatever its case (409 nameAlreadyExists), a name instead of displayName, and a write grant alone', async () => {
    const writeOnly = await createLibrary('Board Papers');
    expect(writeOnly.status).toBe(403);
    await withManage();
    for (const name of ['Supervision Files', 'documents']) {
      const taken = await createLibrary(name);
      expect(taken.status, name).toBe(409);
      expect(taken.json.error).toMatchObject({ code: 'nameAlreadyExists', message: 'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.' });
    }
    const named = await raw(tenant, 'POST', `/sites/${siteId()}/lists`, { name: 'Board Papers', list: { template: 'documentLibrary' } });
    expect(named.status).toBe(400);
    expect(named.json.error.message).toBe("Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'");
    expect((await raw(tenant, 'POST', `/sites/${siteId()}/lists`, { list: { template: 'documentLibrary' } })).status).toBe(400);
    expect([...tenant.store.libraries.values()]).toHaveLength(2);
  });

  it('answers an unknown list or drive 404 itemNotFound', async () => {
    const nope = '00000000-0000-0000-0000-000000000000';
    for (const path of [`/sites/${siteId()}/lists/${nope}/drive`, `/sites/${siteId()}/lists/${nope}`, `/sites/${siteId()}/lists/${nope}/columns`, `/sites/${siteId()}/lists/${nope}/items/1/fields`, `/drives/b!nope`, `/drives/b!nope/root/children`]) {
      const res = await raw(tenant, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code, path).toBe('itemNotFound');
    }
  });

  it('a made library, its columns and files survive a restart from the saved state; a state file from before libraries gets them again', async () => {
    await withManage();
    const made = await createLibrary('Board Papers');
    await raw(tenant, 'POST', `/sites/${siteId()}/lists/${made.json.id}/columns`, { name: 'Meeting', text: {} });
    const snapshot = tenant.store.snapshot();
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-libraries-'));
    try {
      const file = join(dir, 'state.json');
      await writeFile(file, JSON.stringify(snapshot));
      const again = await loadOrSeed(demoOrg(testNow), file);
      const library = again.libraryOfList(made.json.id);
      expect(library?.displayName).toBe('Board Papers');
      expect(library?.columns.map((c) => c.name)).toContain('Meeting');

      const { libraries: _gone, ...older } = snapshot;
      await writeFile(file, JSON.stringify(older));
      const old = await loadOrSeed(demoOrg(testNow), file);
      expect([...old.libraries.values()].map((l) => l.displayName)).toEqual(['Documents', 'Supervision Files']);
      expect(old.items.get(tenant.org.site.defaultLibrary.rootItemId)?.driveId).toBe(tenant.org.site.defaultLibrary.driveId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
