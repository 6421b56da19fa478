/**
 * Two instances filing the same record at once (issue 16 item 3: bench:cluster logged a spurious
 * `filing_poisoned` (conflict) after another instance had filed the same record). Both instances
 * share one Azurite and the sandbox tenant; the second instance's Graph traffic goes through a gate
 * that holds its metadata write until the first instance has filed the record and locked its files
 * with the record label, the order two instances racing on one record can take.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { createGraphSupervisionFile } from '../../../src/adapters/graph/sharepoint/graph-supervision-file.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { renderRecordPdf } from '../../../src/adapters/pdf/record-pdf.js';
import { createStorage, type AppStorage } from '../../../src/adapters/storage/index.js';
import type { VersionedStore } from '../../../src/domain/ports/storage.js';
import type { SupervisionFile } from '../../../src/domain/ports/supervision-file.js';
import type { SessionRecord } from '../../../src/domain/records/schema.js';
import { processFilingJob, type FilingDeps } from '../../../src/jobs/filing/index.js';
import type { Repositories } from '../../../src/repositories/index.js';
import { recordKey } from '../../../src/repositories/tables.js';
import { findPerson } from '../../../src/sandbox/demo-org.js';
import { startSandboxTenant, type SandboxTenant } from '../../../src/sandbox/graph-server.js';
import { finalRecord } from '../../adapters/pdf/record-fixture.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { repositoriesOn } from '../../support/repositories.js';

interface Gate {
  readonly url: string;
  /** Holds the first request that matches until `release()`; resolves once it has arrived. */
  hold(match: (method: string, path: string) => boolean): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

/** A pass-through to the sandbox that can hold one chosen request back (a slow instance). */
async function startGate(targetUrl: string): Promise<Gate> {
  const target = new URL(targetUrl);
  let matcher: ((method: string, path: string) => boolean) | undefined;
  let arrived: () => void = () => undefined;
  let released: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const held = matcher?.(req.method ?? 'GET', path) === true;
    if (held) {
      matcher = undefined;
      arrived();
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (held ? released : Promise.resolve()).then(() => {
        const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.writeHead(502).end());
        upstream.end(Buffer.concat(chunks));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold(match) {
      matcher = match;
      released = new Promise((r) => (release = r));
      return new Promise((r) => (arrived = r));
    },
    release: () => release(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const azurite = useAzurite();
let tenant: SandboxTenant;
let gate: Gate;
let storage: AppStorage;
let records: VersionedStore<SessionRecord>;
let repos: Repositories;
let fileOf: { first: SupervisionFile; second: SupervisionFile };

beforeAll(async () => {
  tenant = await startSandboxTenant({ port: 0, now: '2026-06-01T09:00:00Z' });
  gate = await startGate(tenant.url);
  storage = createStorage(azurite.connectionString);
  ({ repos, t: { records } } = repositoriesOn(storage));
  await storage.ensureCreated();
  const site = 'northshire.sharepoint.example:/sites/supervision';
  const on = (baseUrl: string) => createGraphSupervisionFile({ graph: createGraphClient({ baseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 0, maxRetries: 1 }), site, retentionLabel: 'Supervision record' });
  fileOf = { first: on(tenant.graphBaseUrl), second: on(`${gate.url}${new URL(tenant.graphBaseUrl).pathname}`) };
});
afterAll(async () => {
  await gate?.close();
  await tenant?.close();
});
beforeEach(() => tenant.reset());

describe('two instances file the same record at once (issue 16 item 3)', () => {
  it('the one that finds the record filed and locked by the other finishes quietly: filed once, told once, nothing poisoned', async () => {
    const sw = findPerson(tenant.org, 'sw1')!;
    const tm = findPerson(tenant.org, 'tm1')!;
    const record = finalRecord({ agreementId: uniqueName('agr'), supervisor: { id: tm.id, name: tm.displayName }, supervisee: { id: sw.id, name: sw.displayName } });
    await records.create(recordKey(record.agreementId, record.sessionId), record);
    const told: string[] = [];
    const deps = (supervisionFile: SupervisionFile, who: string): FilingDeps => ({
      records: repos.records, supervisionFile, renderPdf: renderRecordPdf, councilName: 'Northshire County Council', onFiled: () => void told.push(who), now: () => new Date('2026-06-04T09:00:00Z'),
    });
    const job = { agreementId: record.agreementId, sessionId: record.sessionId };

    // The second instance has uploaded the JSON and read its columns; its metadata write waits.
    const held = gate.hold((method, path) => method === 'PATCH' && path.endsWith('/fields'));
    const second = processFilingJob(deps(fileOf.second, 'second'), job).then((o) => o, (e: unknown) => e);
    await held;
    // Meanwhile the first files the record: both files uploaded, described, labelled as a record (locked).
    const first = await processFilingJob(deps(fileOf.first, 'first'), job);
    expect(first.status).toBe('filed');
    gate.release();

    // Before: SharePoint refused the second's write to the locked file (423) and the job was poisoned as a conflict.
    const outcome = await second;
    expect(outcome).toMatchObject({ status: 'already-filed' });
    expect(told).toEqual(['first']);
    const saved = (await records.get(recordKey(record.agreementId, record.sessionId)))!.value;
    expect(saved.status).toBe('filed');
    const listed = (await (await fetch(`${tenant.url}/_sandbox/files`)).json()) as Array<{ path: string; retentionLabel: unknown }>;
    expect(listed.map((f) => f.path).sort()).toEqual([saved.filed!.jsonPath, saved.filed!.pdfPath].sort());
    expect(listed.every((f) => JSON.stringify(f.retentionLabel) === JSON.stringify({ name: 'Supervision record', isRecordLocked: true }))).toBe(true);
  });
});
