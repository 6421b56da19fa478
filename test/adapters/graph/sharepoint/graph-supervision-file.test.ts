/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's inspection JSON is read loosely */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../../src/adapters/graph/graph-client.js';
import { createGraphSupervisionFile, type GraphSupervisionFileOptions } from '../../../../src/adapters/graph/sharepoint/graph-supervision-file.js';
import { sandboxTokenProvider } from '../../../../src/adapters/graph/token-providers.js';
import { isAppError } from '../../../../src/domain/errors.js';
import type { FileRecordRequest } from '../../../../src/domain/ports/supervision-file.js';
import { canonicalRecordJson } from '../../../../src/jobs/filing/process-filing.js';
import { findPerson } from '../../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../../src/sandbox/graph-server.js';
import { libraryColumns } from '../../../../src/sandbox/routes/sharepoint/columns.js';
import { removeLibrary } from '../../../../src/sandbox/library-model.js';
import { GRAPH_PERMISSION_NAMES } from '../../../../src/adapters/graph/permissions.js';
import { ensureColumns } from '../../../../src/adapters/graph/sharepoint/library-columns.js';
import { ensureSupervisionLibrary } from '../../../../src/adapters/graph/sharepoint/supervision-library.js';
import { startTenant } from '../../../sandbox/helpers.js';
import { finalRecord } from '../../pdf/record-fixture.js';
import { startThrottlingProxy, type ThrottlingProxy } from './throttling-proxy.js';

let tenant: SandboxTenant;
let proxy: ThrottlingProxy;
beforeAll(async () => {
  tenant = await startTenant({ port: 0 });
  proxy = await startThrottlingProxy(tenant.url);
});
afterAll(async () => {
  await proxy.close();
  await tenant.close();
});
beforeEach(() => tenant.reset());

const SITE = 'northshire.sharepoint.example:/sites/supervision';
const sha = (b: Uint8Array | Buffer) => createHash('sha256').update(b).digest('hex');

function adapter(over: Partial<GraphSupervisionFileOptions> = {}, baseUrl = tenant.graphBaseUrl) {
  const graph = createGraphClient({ baseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
  return createGraphSupervisionFile({ graph, site: SITE, retentionLabel: 'Supervision record', ...over });
}

/** A real final record of two demo people, its canonical JSON, and a stand-in PDF of a chosen size. */
function request(pdfBytes = 2048, seed = 'a'): FileRecordRequest {
  const sw = findPerson(tenant.org, 'sw1')!;
  const tm = findPerson(tenant.org, 'tm1')!;
  const record = finalRecord({ supervisor: { id: tm.id, name: tm.displayName }, supervisee: { id: sw.id, name: sw.displayName } });
  const final = record.versions.at(-1)!;
  const json = new TextEncoder().encode(canonicalRecordJson(record, final));
  const pdf = Buffer.alloc(pdfBytes, seed);
  pdf.write('%PDF-1.7\n');
  return {
    employee: { id: sw.id, displayName: sw.displayName },
    sessionDate: record.sessionDate,
    version: final.version,
    pdf: { content: pdf, contentType: 'application/pdf' },
    json: { content: json, contentType: 'application/json' },
    metadata: {
      employeeName: sw.displayName,
      employeeId: sw.id,
      supervisorName: tm.displayName,
      supervisorId: tm.id,
      sessionDate: record.sessionDate,
      recordType: 'Personal Reflective/Welfare Supervision record',
      policy: 'Sefton (sefton)',
      version: final.version,
      hash: final.hash,
      supervisorSignedAt: final.supervisorSignature.signedAt,
      superviseeSignedAt: final.superviseeSignature!.signedAt,
      retentionRule: 'Kept for the whole employment; 7 years after leaving (SE-D18 Sefton ¶10 (L279))',
    },
  };
}

async function files(): Promise<any[]> {
  return (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as any[];
}

async function download(path: string): Promise<Buffer> {
  const res = await fetch(`${tenant.url}/_sandbox/files/content?path=${encodeURIComponent(path)}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('SharePoint supervision file (Graph, sandbox tenant)', () => {
  it('stores PDF and JSON in the employee’s own folder (Sefton ¶9 L261–269) with metadata and the record label', async () => {
    const req = request();
    const sw = findPerson(tenant.org, 'sw1')!;
    const stored = await adapter().storeRecord(req);
    const folder = `/Employees/${sw.displayName} (${sw.id})/Supervision records`;
    expect(stored.pdfPath).toBe(`${folder}/2026-06-02 supervision record v2.pdf`);
    expect(stored.jsonPath).toBe(`${folder}/2026-06-02 supervision record v2.json`);
    expect(stored.retentionLabel).toBe('Supervision record');

    const listed = await files();
    expect(listed.map((f) => f.path).sort()).toEqual([stored.jsonPath, stored.pdfPath]);
    for (const f of listed) {
      expect(f.id).toBe(f.path === stored.pdfPath ? stored.driveItemIds.pdf : stored.driveItemIds.json);
      expect(f.fields).toMatchObject({
        Employee: sw.displayName,
        EmployeeId: sw.id,
        Supervisor: findPerson(tenant.org, 'tm1')!.displayName,
        // A date column answers as SharePoint's UTC date-time.
        SessionDate: '2026-06-02T00:00:00Z',
        RecordType: 'Personal Reflective/Welfare Supervision record',
        Policy: 'Sefton (sefton)',
        RecordVersion: 2,
        RecordHash: req.metadata.hash,
        SupervisorSignedAt: req.metadata.supervisorSignedAt,
        SuperviseeSignedAt: req.metadata.superviseeSignedAt,
      });
      // Sefton ¶10 (L279): 7 years after leaving; the leaving date is not known yet, so no date.
      expect(f.fields.RetainUntil ?? null).toBeNull();
      expect(f.fields.RetentionRule).toContain('¶10');
      // Sefton ¶10 (L279) kept; a record label locks it.
      expect(f.retentionLabel).toEqual({ name: 'Supervision record', isRecordLocked: true });
    }
    expect(listed.find((f) => f.path === stored.jsonPath).mimeType).toBe('application/json');
    expect(sha(await download(stored.jsonPath))).toBe(req.metadata.hash);
    expect((await download(stored.pdfPath)).equals(Buffer.from(req.pdf.content))).toBe(true);
  });

  it('a second store of the same record answers with the same files and changes nothing', async () => {
    const first = await adapter().storeRecord(request());
    const before = await files();
    const again = await adapter().storeRecord(request());
    expect(again).toEqual(first);
    const after = await files();
    expect(after).toEqual(before);
    expect(after).toHaveLength(2);
  });

  it('a crash after the upload (no metadata, no label yet) is completed by the re-run', async () => {
    await adapter({ retentionLabel: undefined }).storeRecord({ ...request(), metadata: { ...request().metadata, recordType: 'old' } });
    expect((await files())[0].retentionLabel).toBeNull();
    const stored = await adapter().storeRecord(request());
    const listed = await files();
    expect(listed).toHaveLength(2);
    expect(listed.every((f) => f.fields.RecordType === 'Personal Reflective/Welfare Supervision record' && f.retentionLabel?.name === 'Supervision record')).toBe(true);
    expect(listed.map((f) => f.id).sort()).toEqual([stored.driveItemIds.pdf, stored.driveItemIds.json].sort());
  });

  it('a different file under the same name fails loudly and is not overwritten (409 nameAlreadyExists)', async () => {
    await adapter().storeRecord(request(2048, 'a'));
    const error = await adapter().storeRecord(request(2048, 'b')).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('conflict');
    expect(isAppError(error) && error.details?.permanent).toBe(true);
    expect(String((error as Error).message)).not.toContain(findPerson(tenant.org, 'sw1')!.displayName);
    const pdf = (await files()).find((f) => f.name.endsWith('.pdf'));
    expect((await download(pdf.path)).subarray(100, 101).toString()).toBe('a');
  });

  it('429 with Retry-After is waited out and retried', async () => {
    proxy.throttleNext(2, (method, path) => method === 'PUT' && path.endsWith(':/content'), 1);
    const started = Date.now();
    const stored = await adapter({}, `${proxy.url}/v1.0`).storeRecord(request());
    expect(proxy.throttled).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect((await files()).map((f) => f.path).sort()).toEqual([stored.jsonPath, stored.pdfPath]);
  });

  it('files above the simple-upload limit go through an upload session, idempotently too', async () => {
    const req = request(700 * 1024);
    const small = { simpleUploadLimitBytes: 64 * 1024, chunkBytes: 320 * 1024 };
    const stored = await adapter(small).storeRecord(req);
    expect((await download(stored.pdfPath)).equals(Buffer.from(req.pdf.content))).toBe(true);
    expect(tenant.stats().byOperation['POST /drives/{id}/root:{path}:/createUploadSession']).toBe(1);
    expect(await adapter(small).storeRecord(req)).toEqual(stored);
    expect(await files()).toHaveLength(2);
    const error = await adapter(small).storeRecord(request(700 * 1024, 'z')).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('conflict');
  });

  it('a throttled upload-session fragment (429, Retry-After) is resent and the upload completes', async () => {
    // The uploadUrl is outside the Graph client; route it through the throttling proxy too.
    const viaProxy: typeof fetch = (input, init) => fetch(String(input).replace(tenant.url, proxy.url), init);
    proxy.throttleNext(1, (method, path) => method === 'PUT' && path.startsWith('/_upload/'), 1);
    const before = proxy.throttled;
    const req = request(700 * 1024);
    const stored = await adapter({ simpleUploadLimitBytes: 64 * 1024, chunkBytes: 320 * 1024, fetch: viaProxy }).storeRecord(req);
    expect(proxy.throttled - before).toBe(1);
    expect((await download(stored.pdfPath)).equals(Buffer.from(req.pdf.content))).toBe(true);
  });

  it('without a configured label the files are stored unlabelled; a wrong site is a permanent error', async () => {
    await adapter({ retentionLabel: undefined, site: tenant.org.site.id }).storeRecord(request());
    expect((await files()).every((f) => f.retentionLabel === null)).toBe(true);
    const error = await adapter({ site: 'northshire.sharepoint.example:/sites/nowhere' }).storeRecord(request()).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('not_found');
    expect(isAppError(error) && error.details?.permanent).toBe(true);
  });

  it('refuses JSON that does not hash to the signed hash', async () => {
    const req = request();
    const error = await adapter().storeRecord({ ...req, json: { ...req.json, content: new TextEncoder().encode('{}') } }).then(() => undefined, (e: unknown) => e);
    expect(isAppError(error) && error.details?.permanent).toBe(true);
    expect(await files()).toHaveLength(0);
  });
});

describe('the list item behind a file (issue 11 item 3: sharepointids.md, itemreference.md, listitem-update.md)', () => {
  it('sets the metadata through the list named by sharepointIds.listId, not the list item’s parentReference (the folder)', async () => {
    // The old adapter PATCHed /lists/{parentReference.id}/…: the employee folder's list item, 404.
    const stored = await adapter({ retentionLabel: undefined }).storeRecord(request());
    const pdf = (await files()).find((f) => f.id === stored.driveItemIds.pdf);
    expect(pdf.fields).toMatchObject({ RecordHash: request().metadata.hash, RecordVersion: 2, SessionDate: '2026-06-02T00:00:00Z' });
    // A second run finds every value already set (dates compared as SharePoint returns them): nothing written.
    const version = pdf.version;
    await adapter({ retentionLabel: undefined }).storeRecord(request());
    const again = (await files()).find((f) => f.id === stored.driveItemIds.pdf);
    expect(again.version).toBe(version);
  });

  it('a library without one of the metadata columns: the filing is refused for good, naming the column in the error and the log', async () => {
    const columns = libraryColumns(tenant.store);
    columns.splice(columns.findIndex((c) => c.name === 'RetentionRule'), 1);
    const lines: Array<{ event: string; fields: Record<string, unknown> }> = [];
    const log = { debug: () => undefined, info: () => undefined, warn: (event: string, fields: Record<string, unknown> = {}) => void lines.push({ event, fields }), error: () => undefined };
    const error = await adapter({ log } as Partial<GraphSupervisionFileOptions>).storeRecord(request()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.details).toMatchObject({ missingColumns: ['RetentionRule'], permanent: true, status: 400 });
    expect(lines).toContainEqual({ event: 'sharepoint.columns_missing', fields: { code: 'sharepoint.columns_missing', columns: 'RetentionRule' } });
    // SharePoint wrote nothing of the refused request.
    expect((await files()).every((f) => f.fields.RecordHash === undefined)).toBe(true);
  });
});

describe('the supervision library by its name (issue 12 item 6: SHAREPOINT_LIBRARY)', () => {
  it('files into the supervision library’s drive, not the site’s default Documents', async () => {
    const stored = await adapter({ retentionLabel: undefined }).storeRecord(request());
    const filed = (await files()).filter((f) => Object.values(stored.driveItemIds).includes(f.id));
    expect(filed.map((f) => [f.library, f.driveId])).toEqual([
      ['Supervision Files', tenant.org.site.supervisionLibrary.driveId],
      ['Supervision Files', tenant.org.site.supervisionLibrary.driveId],
    ]);
    expect((await files()).filter((f) => f.library === 'Documents')).toEqual([]);
  });

  it('files into another library when SHAREPOINT_LIBRARY names it (made by setup)', async () => {
    tenant.setGrantedRoles([...GRAPH_PERMISSION_NAMES, 'Sites.Manage.All']);
    const manage = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0 });
    const { library } = await ensureSupervisionLibrary(manage, SITE, 'Staff Supervision Records');
    await ensureColumns(manage, library);
    const stored = await adapter({ retentionLabel: undefined, library: 'Staff Supervision Records' }).storeRecord(request());
    const pdf = (await files()).find((f) => f.id === stored.driveItemIds.pdf);
    expect(pdf).toMatchObject({ library: 'Staff Supervision Records', driveId: library.driveId, fields: { RecordHash: request().metadata.hash } });
    expect((await files()).filter((f) => f.library !== 'Staff Supervision Records')).toEqual([]);
  });

  it('a site without the library: a permanent error naming the library and the fix, logged by code, nothing written', async () => {
    removeLibrary(tenant.store, tenant.org.site.supervisionLibrary.listId);
    const lines: Array<{ event: string; fields: Record<string, unknown> }> = [];
    const log = { debug: () => undefined, info: () => undefined, warn: (event: string, fields: Record<string, unknown> = {}) => void lines.push({ event, fields }), error: () => undefined };
    const error = await adapter({ log } as Partial<GraphSupervisionFileOptions>).storeRecord(request()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.message).toBe('The SharePoint site has no document library called "Supervision Files" (SHAREPOINT_LIBRARY). Fix: run supervision setup sharepoint to create it.');
    expect(isAppError(error) && error.code).toBe('not_found');
    expect(isAppError(error) && error.details?.permanent).toBe(true);
    expect(lines).toContainEqual({ event: 'sharepoint.library_missing', fields: { code: 'sharepoint.library_missing', library: 'Supervision Files' } });
    expect(await files()).toEqual([]);
  });
});
