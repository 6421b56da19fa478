import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStorage, pingStorage } from '../../../src/adapters/storage/index.js';
import { startAzurite } from '../../../src/sandbox/azurite.js';

const ZNote = z.object({ text: z.string() });
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('startAzurite', () => {
  it('serves the development account on loopback with free ports', async () => {
    const azurite = await startAzurite({ host: '127.0.0.1' });
    try {
      expect(azurite.tableEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
      expect(new Set([azurite.blobEndpoint, azurite.queueEndpoint, azurite.tableEndpoint]).size).toBe(3);
      expect(azurite.connectionString).toContain('AccountName=devstoreaccount1');
    } finally {
      await azurite.close();
      await azurite.close(); // idempotent
    }
  });

  it('keeps data in `location` across a restart', async () => {
    const location = await mkdtemp(join(tmpdir(), 'azurite-'));
    dirs.push(location);

    const first = await startAzurite({ location });
    const storage = createStorage(first.connectionString);
    const notes = storage.versioned('notes', ZNote);
    const blobs = storage.blobs('documents');
    const jobs = storage.queue('persisted-jobs', ZNote);
    await storage.ensureCreated();
    const etag = await notes.create({ partition: 'p', id: 'n1' }, { text: 'survives a restart' });
    await blobs.put('a/b.json', '{"x":1}', { contentType: 'application/json' });
    await jobs.send({ text: 'queued before the crash' });
    await first.close();

    const second = await startAzurite({ location });
    try {
      const again = createStorage(second.connectionString);
      expect(await again.versioned('notes', ZNote).get({ partition: 'p', id: 'n1' })).toEqual({ value: { text: 'survives a restart' }, etag });
      const blob = await again.blobs('documents').get('a/b.json');
      expect(Buffer.from(blob?.body ?? []).toString()).toBe('{"x":1}');
      const [message] = await again.queue('persisted-jobs', ZNote).receive();
      expect(message?.body).toEqual({ text: 'queued before the crash' });
    } finally {
      await second.close();
    }
  });
});

describe('ping', () => {
  it('reports each service reachable, then unreachable once Azurite stops', async () => {
    const azurite = await startAzurite();
    const storage = createStorage(azurite.connectionString);
    const up = await storage.ping();
    expect(up.ok).toBe(true);
    expect([up.blob.ok, up.queue.ok, up.table.ok]).toEqual([true, true, true]);

    await azurite.close();
    const started = Date.now();
    const down = await pingStorage(azurite.connectionString, 1000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(down.ok).toBe(false);
    expect([down.blob.ok, down.queue.ok, down.table.ok]).toEqual([false, false, false]);
    expect(down.table.error).toMatch(/^(ECONNREFUSED|ECONNRESET|timeout|REQUEST_SEND_ERROR)$/);
  });

  it('times out quickly against an address that never answers', async () => {
    // A listening socket that accepts but never responds, so only the timeout can end the probe.
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const base = `http://127.0.0.1:${port}/devstoreaccount1`;
    const cs = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${Buffer.from('k').toString('base64')};BlobEndpoint=${base};QueueEndpoint=${base};TableEndpoint=${base};`;
    try {
      const health = await pingStorage(cs, 300);
      expect(health.ok).toBe(false);
      expect(health.blob.error).toBe('timeout');
      expect(health.table.latencyMs).toBeLessThan(2000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
