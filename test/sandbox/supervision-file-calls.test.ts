/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client on the wire would */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { raw, sandboxToken, startTenant } from './helpers.js';

/** The calls the filing adapter (src/adapters/graph/sharepoint) makes, answered as Graph answers them. */
let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant({ port: 0 });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset());

const path = '/Employees/Amara Fellgate (id-1)/Supervision records/2026-06-02 supervision record v1.json';
const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');

async function put(body: string, behavior = 'fail') {
  const d = tenant.org.site.supervisionLibrary.driveId;
  const res = await fetch(`${tenant.graphBaseUrl}/drives/${d}/root:${enc(path)}:/content?@microsoft.graph.conflictBehavior=${behavior}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sandboxToken(tenant)}` },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('sandbox: the supervision-file calls', () => {
  it('conflictBehavior=fail: 201 first, then 409 nameAlreadyExists with Graph’s error body', async () => {
    expect((await put('{"a":1}')).status).toBe(201);
    const again = await put('{"a":2}');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('nameAlreadyExists');
    expect(typeof again.json.error.message).toBe('string');
    expect(again.json.error.innerError['request-id']).toBeTruthy();
    const res = await fetch(`${tenant.url}/_sandbox/files/content?path=${encodeURIComponent(path)}`);
    expect(await res.text()).toBe('{"a":1}');
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('listItem names its list in sharepointIds (its parentReference is its folder); fields PATCH on the list item; no label is 404; a record label locks (423)', async () => {
    const up = await put('{"a":1}');
    const d = tenant.org.site.supervisionLibrary.driveId;
    const li = await raw(tenant, 'GET', `/drives/${d}/items/${up.json.id}/listItem?$select=id,sharepointIds&$expand=fields`);
    expect(li.status).toBe(200);
    expect(li.json.sharepointIds).toMatchObject({ listId: tenant.org.site.supervisionLibrary.listId, listItemId: li.json.id });
    expect(li.json.fields.FileLeafRef).toBe('2026-06-02 supervision record v1.json');
    // listitem-get.md: column values only with expand=fields; sharepointIds only when selected.
    const plain = await raw(tenant, 'GET', `/drives/${d}/items/${up.json.id}/listItem`);
    // itemreference.md: the parent's id, the folder's list item, not the list (sharepointids.md has that).
    expect(plain.json.parentReference.id).not.toBe(tenant.org.site.supervisionLibrary.listId);
    expect(plain.json.fields).toBeUndefined();
    expect(plain.json.sharepointIds).toBeUndefined();
    const none = await raw(tenant, 'GET', `/drives/${d}/items/${up.json.id}/retentionLabel`);
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('itemNotFound');
    const patched = await raw(tenant, 'PATCH', `/sites/${tenant.org.site.id}/lists/${li.json.sharepointIds.listId}/items/${li.json.id}/fields`, { RecordHash: 'abc', RetainUntil: null });
    expect(patched.status).toBe(200);
    expect(patched.json.RecordHash).toBe('abc');
    expect((await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/retentionLabel`, { name: 'Supervision record' })).status).toBe(201);
    const locked = await raw(tenant, 'PATCH', `/sites/${tenant.org.site.id}/lists/${tenant.org.site.supervisionLibrary.listId}/items/${li.json.id}/fields`, { RecordHash: 'changed' });
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe('resourceLocked');
    expect((await put('{"a":3}', 'replace')).status).toBe(423);
    expect((await raw(tenant, 'GET', `/drives/${d}/items/${up.json.id}/retentionLabel`)).json.name).toBe('Supervision record');
  });

  it('an upload session onto an existing name with fail answers 409 when the last fragment lands', async () => {
    await put('{"a":1}');
    const d = tenant.org.site.supervisionLibrary.driveId;
    const session = await raw(tenant, 'POST', `/drives/${d}/root:${enc(path)}:/createUploadSession`, { item: { '@microsoft.graph.conflictBehavior': 'fail' } });
    expect(session.status).toBe(200);
    const res = await fetch(session.json.uploadUrl, { method: 'PUT', headers: { 'content-range': 'bytes 0-6/7' }, body: '{"b":2}' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.code).toBe('nameAlreadyExists');
  });

  it('the inspection lists stored files with their hash, metadata and label, and the page shows them', async () => {
    const up = await put('{"a":1}');
    const d = tenant.org.site.supervisionLibrary.driveId;
    await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { Employee: 'Amara Fellgate', RecordHash: 'abc' });
    await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/retentionLabel`, { name: 'Supervision record' });
    const files = (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as any[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      id: up.json.id,
      path,
      sha256: createHash('sha256').update('{"a":1}').digest('hex'),
      fields: { Employee: 'Amara Fellgate', RecordHash: 'abc' },
      retentionLabel: { name: 'Supervision record', isRecordLocked: true },
    });
    const html = await (await fetch(`${tenant.url}/_sandbox/`)).text();
    expect(html).toContain('RecordHash: abc');
    expect(html).toContain('Supervision record (locked record)');
    expect(html).toContain(`/_sandbox/files/content?path=${encodeURIComponent(path)}`);
  });
});
