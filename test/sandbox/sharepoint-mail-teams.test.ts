/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect Graph JSON payloads loosely, as a client reading the wire would */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileUpload, LargeFileUploadTask } from '@microsoft/microsoft-graph-client';
import { findPerson } from '../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../src/sandbox/graph-server.js';
import { SANDBOX_APP_REGISTRATION } from '../../src/sandbox/entra/app-registration.js';
import { graphClient, raw, sandboxToken, startTenant } from './helpers.js';

let tenant: SandboxTenant;
beforeAll(async () => {
  tenant = await startTenant();
});
afterAll(async () => {
  await tenant.close();
});
beforeEach(() => tenant.reset());

const p = (alias: string) => findPerson(tenant.org, alias)!;

describe('SharePoint supervision site', () => {
  it('finds the site by id and by path, its default drive (Documents) and drives', async () => {
    const client = graphClient(tenant);
    const site = await client.api(`/sites/${tenant.org.site.hostname}:${tenant.org.site.serverRelativePath}`).get();
    expect(site.id).toBe(tenant.org.site.id);
    const drive = await client.api(`/sites/${site.id}/drive`).get();
    expect(drive).toMatchObject({ id: tenant.org.site.defaultLibrary.driveId, name: 'Documents', driveType: 'documentLibrary' });
    const drives = await client.api(`/sites/${site.id}/drives`).get();
    expect(drives.value.map((d: any) => d.id)).toEqual([drive.id, tenant.org.site.supervisionLibrary.driveId]);
  });

  it('uploads a small file by path, reads it back, and refuses a conflict when asked to fail', async () => {
    const client = graphClient(tenant);
    const d = tenant.org.site.supervisionLibrary.driveId;
    const path = `/Employees/${p('sw1').id}/2026-04-07 supervision record.json`;
    const content = Buffer.from(JSON.stringify({ record: 'canonical', v: 1 }));
    const created = await raw(tenant, 'PUT', `/drives/${d}/root:${encodeURI(path)}:/content`, content.toString(), { 'content-type': 'application/json' });
    expect(created.status).toBe(201);
    expect(created.json.name).toBe('2026-04-07 supervision record.json');
    expect(created.json.size).toBe(content.length);
    expect(created.json.file.mimeType).toBe('application/json');
    expect(created.json.parentReference.path).toBe(`/drives/${d}/root:/Employees/${p('sw1').id}`);
    expect(created.headers.get('etag')).toBe(created.json.eTag);

    const byPath = await client.api(`/drives/${d}/root:${encodeURI(path)}`).get();
    expect(byPath.id).toBe(created.json.id);
    const byId = await client.api(`/drives/${d}/items/${created.json.id}`).get();
    expect(byId.name).toBe(created.json.name);
    const download = await fetch(`${tenant.graphBaseUrl}/drives/${d}/items/${created.json.id}/content`, { headers: { authorization: `Bearer ${await sandboxToken(tenant)}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);

    const conflict = await raw(tenant, 'PUT', `/drives/${d}/root:${encodeURI(path)}:/content?@microsoft.graph.conflictBehavior=fail`, 'x', { 'content-type': 'text/plain' });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe('nameAlreadyExists');
    const replaced = await raw(tenant, 'PUT', `/sites/${tenant.org.site.id}/drives/${d}/items/root:${encodeURI(path)}:/content`, '{"v":2}', { 'content-type': 'application/json' });
    expect(replaced.status).toBe(200);
    expect(replaced.json.id).toBe(created.json.id);
    const stale = await raw(tenant, 'PUT', `/drives/${d}/items/${created.json.id}/content`, '{}', { 'content-type': 'application/json', 'if-match': created.json.eTag });
    expect(stale.status).toBe(412);

    const files = (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as any;
    expect(files.map((f: any) => f.path)).toContain(path);
    const viaInspect = await fetch(`${tenant.url}/_sandbox/files/content?path=${encodeURIComponent(path)}`);
    expect(await viaInspect.text()).toBe('{"v":2}');
    const missing = await raw(tenant, 'GET', `/drives/${d}/root:/nope.pdf`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('itemNotFound');
  });

  it('uploads through an upload session in two ranges', async () => {
    const client = graphClient(tenant);
    const d = tenant.org.site.supervisionLibrary.driveId;
    const bytes = Buffer.alloc(700_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const session = await client
      .api(`/drives/${d}/items/root:/Employees/${p('nqsw1').id}/record.pdf:/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': 'fail', name: 'record.pdf' } });
    expect(session.uploadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_upload\//);
    const cut = 327_680;
    const first = await fetch(session.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes 0-${cut - 1}/${bytes.length}` }, body: bytes.subarray(0, cut) });
    expect(first.status).toBe(202);
    expect(((await first.json()) as any).nextExpectedRanges).toEqual([`${cut}-`]);
    const repeat = await fetch(session.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes 0-${cut - 1}/${bytes.length}` }, body: bytes.subarray(0, cut) });
    expect(repeat.status).toBe(416);
    const last = await fetch(session.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes ${cut}-${bytes.length - 1}/${bytes.length}` }, body: bytes.subarray(cut) });
    expect(last.status).toBe(201);
    const item = (await last.json()) as any;
    expect(item.size).toBe(bytes.length);
    expect(item.file.mimeType).toBe('application/pdf');
    const back = await fetch(item['@microsoft.graph.downloadUrl']);
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await client
      .api(`/drives/${d}/items/root:/Employees/${p('nqsw1').id}/record.pdf:/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': 'fail' } });
    const clash = await fetch(again.uploadUrl, { method: 'PUT', headers: { 'content-range': 'bytes 0-2/3' }, body: Buffer.from('abc') });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as any).error.code).toBe('nameAlreadyExists');
  });

  it("works with the client's LargeFileUploadTask", async () => {
    const client = graphClient(tenant);
    const d = tenant.org.site.supervisionLibrary.driveId;
    const session = await client.api(`/drives/${d}/root:/Employees/y/record.pdf:/createUploadSession`).post({ item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    const data = Buffer.alloc(800_000, 7);
    const task = new LargeFileUploadTask(client, new FileUpload(data, 'record.pdf', data.length), { url: session.uploadUrl, expiry: new Date(session.expirationDateTime) }, { rangeSize: 327_680 });
    const result = await task.upload();
    expect((result.responseBody as any).size).toBe(data.length);
  });

  it('answers mailboxSettings only to an app granted MailboxSettings.Read, which the product does not need', async () => {
    const refused = await raw(tenant, 'GET', `/users/${p('sw1').id}/mailboxSettings`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('ErrorAccessDenied');
    tenant.setGrantedRoles([...tenant.identity.grantedRoles(SANDBOX_APP_REGISTRATION.clientId), 'MailboxSettings.Read']);
    const token = await sandboxToken(tenant, { fresh: true });
    const mailbox = await raw(tenant, 'GET', `/users/${p('sw1').id}/mailboxSettings`, undefined, { authorization: `Bearer ${token}` });
    expect(mailbox.json.timeZone).toBe('GMT Standard Time');
    // The next tests' token carries the product's grant again.
    tenant.reset();
    await sandboxToken(tenant, { fresh: true });
  });

  it('sets metadata columns on the list item, of the library\'s columns and their types only', async () => {
    const client = graphClient(tenant);
    const d = tenant.org.site.supervisionLibrary.driveId;
    const up = await raw(tenant, 'PUT', `/drives/${d}/root:/Employees/x/agreement.json:/content`, '{}', { 'content-type': 'application/json' });
    const fields = await client.api(`/drives/${d}/items/${up.json.id}/listItem/fields`).patch({ Employee: p('sw1').displayName, SessionDate: '2026-04-07', RecordHash: 'ab'.repeat(32), RetainUntil: '2051-04-07', RecordVersion: 2 });
    expect(fields.Employee).toBe(p('sw1').displayName);
    expect(fields.FileLeafRef).toBe('agreement.json');
    // A date column answers as SharePoint's UTC date-time.
    expect(fields.SessionDate).toBe('2026-04-07T00:00:00Z');
    const li = await client.api(`/drives/${d}/items/${up.json.id}/listItem`).expand('fields').get();
    expect(li.fields.RecordHash).toBe('ab'.repeat(32));
    const viaList = await client.api(`/sites/${tenant.org.site.id}/lists/${tenant.org.site.supervisionLibrary.listId}/items/${li.id}/fields`).get();
    expect(viaList.RecordVersion).toBe(2);
    const readOnly = await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { Modified: 'x' });
    expect(readOnly.status).toBe(400);
    // listitem-update.md: SharePoint knows only the list's columns, each of its type.
    const unknown = await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { CaseNotes: 'x' });
    expect([unknown.status, unknown.json.error.code, unknown.json.error.message]).toEqual([400, 'invalidRequest', "Field 'CaseNotes' is not recognized"]);
    expect((await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { RecordVersion: 'two' })).status).toBe(400);
    expect((await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { SessionDate: 'next Tuesday' })).status).toBe(400);
    const columns = await client.api(`/sites/${tenant.org.site.id}/lists/${tenant.org.site.supervisionLibrary.listId}/columns`).get();
    expect(columns.value.find((col: any) => col.name === 'RecordVersion').number).toBeDefined();
    const files = (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as any;
    expect(files.find((f: any) => f.id === up.json.id).fields.RetainUntil).toBe('2051-04-07T00:00:00Z');
  });
});

describe('retention labels', () => {
  it('labels a stored record, which then refuses changes and deletion until unlocked', async () => {
    const client = graphClient(tenant);
    const d = tenant.org.site.supervisionLibrary.driveId;
    const up = await raw(tenant, 'PUT', `/drives/${d}/root:/Employees/z/record.pdf:/content`, '%PDF-1.7', { 'content-type': 'application/pdf' });
    const applied = await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/retentionLabel`, { name: 'Supervision record' });
    expect(applied.status).toBe(201);
    expect(applied.json.retentionSettings.isRecordLocked).toBe(true);
    const overwrite = await raw(tenant, 'PUT', `/drives/${d}/root:/Employees/z/record.pdf:/content`, 'changed', { 'content-type': 'application/pdf' });
    expect(overwrite.status).toBe(423);
    expect(overwrite.json.error.code).toBe('resourceLocked');
    expect((await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { RecordHash: 'x' })).status).toBe(423);
    expect((await raw(tenant, 'DELETE', `/drives/${d}/items/${up.json.id}`)).status).toBe(423);
    const unknown = await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/retentionLabel`, { name: 'Nope' });
    expect(unknown.status).toBe(400);
    const unlocked = await client.api(`/drives/${d}/items/${up.json.id}/retentionLabel`).patch({ retentionSettings: { isRecordLocked: false } });
    expect(unlocked.retentionSettings.isRecordLocked).toBe(false);
    expect((await raw(tenant, 'PATCH', `/drives/${d}/items/${up.json.id}/listItem/fields`, { RecordHash: 'x' })).status).toBe(200);
    const files = (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as any;
    expect(files.find((f: any) => f.id === up.json.id).retentionLabel.name).toBe('Supervision record');
  });
});

describe('mail and Teams app installation', () => {
  it('sends mail (202) and keeps it for inspection', async () => {
    const client = graphClient(tenant);
    await client.api(`/users/${p('tm1').id}/sendMail`).post({
      message: { subject: 'Supervision overdue', body: { contentType: 'Text', content: 'A session is overdue.' }, toRecipients: [{ emailAddress: { address: p('sm1').mail } }] },
      saveToSentItems: false,
    });
    const res = await raw(tenant, 'POST', `/users/${p('tm1').id}/sendMail`, { message: { subject: 'x', toRecipients: [] } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('ErrorInvalidRecipients');
    const mails = (await (await fetch(`${tenant.url}/_sandbox/mail`)).json()) as any;
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe(p('tm1').id);
    expect(mails[0].message.toRecipients[0].emailAddress.address).toBe(p('sm1').mail);
  });

  it('installs the app for a user once and refuses a second install with 409', async () => {
    const client = graphClient(tenant);
    const app = tenant.org.teamsApps[0]!;
    const catalog = await client.api('/appCatalogs/teamsApps').filter(`externalId eq '${app.externalId}'`).get();
    expect(catalog.value[0].id).toBe(app.id);
    const bind = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${app.id}` };
    const first = await raw(tenant, 'POST', `/users/${p('sw5').id}/teamwork/installedApps`, bind);
    expect(first.status).toBe(201);
    const second = await raw(tenant, 'POST', `/users/${p('sw5').id}/teamwork/installedApps`, bind);
    expect(second.status).toBe(409);
    const list = await client.api(`/users/${p('sw5').id}/teamwork/installedApps`).expand('teamsApp').filter(`teamsApp/id eq '${app.id}'`).get();
    expect(list.value).toHaveLength(1);
    expect(list.value[0].teamsApp.externalId).toBe(app.externalId);
    const chat = await client.api(`/users/${p('sw5').id}/teamwork/installedApps/${list.value[0].id}/chat`).get();
    expect(chat.id).toMatch(/^19:.*@unq\.gbl\.spaces$/);
    const none = await client.api(`/users/${p('sw6').id}/teamwork/installedApps`).get();
    expect(none.value).toEqual([]);
    const unknown = await raw(tenant, 'POST', `/users/${p('sw5').id}/teamwork/installedApps`, { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/00000000-0000-0000-0000-000000000000' });
    expect(unknown.status).toBe(404);
  });
});
