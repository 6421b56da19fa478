import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { codeOf } from '../../support/error-code.js';

const azurite = useAzurite();

async function freshBlobs() {
  const storage = createStorage(azurite.connectionString);
  const blobs = storage.blobs(uniqueName('docs-'));
  await storage.ensureCreated();
  return blobs;
}

const text = (body: Uint8Array | undefined) => Buffer.from(body ?? []).toString('utf8');

describe('AzureBlobStore', () => {
  it('round-trips bytes with content type, metadata and ETag', async () => {
    const blobs = await freshBlobs();
    const pdf = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const etag = await blobs.put('records/e1/2026-01-05.pdf', pdf, { contentType: 'application/pdf', metadata: { sha256: 'abc' } });
    const got = await blobs.get('records/e1/2026-01-05.pdf');
    expect(got && Array.from(got.body)).toEqual(Array.from(pdf));
    expect(got).toMatchObject({ etag, contentType: 'application/pdf', size: 6, metadata: { sha256: 'abc' } });
    expect(await blobs.get('records/e1/missing.pdf')).toBeUndefined();
  });

  it('writes once with ifNoneMatch "*"', async () => {
    const blobs = await freshBlobs();
    await blobs.put('final.json', '{"v":1}', { ifNoneMatch: '*' });
    expect(await codeOf(blobs.put('final.json', '{"v":2}', { ifNoneMatch: '*' }))).toBe('conflict');
    expect(text((await blobs.get('final.json'))?.body)).toBe('{"v":1}');
  });

  it('overwrites only the version named by ifMatch', async () => {
    const blobs = await freshBlobs();
    const v1 = await blobs.put('draft.json', 'one');
    const v2 = await blobs.put('draft.json', 'two', { ifMatch: v1 });
    expect(await codeOf(blobs.put('draft.json', 'stale', { ifMatch: v1 }))).toBe('precondition_failed');
    expect(await codeOf(blobs.delete('draft.json', v1))).toBe('precondition_failed');
    expect(text((await blobs.get('draft.json'))?.body)).toBe('two');
    await blobs.delete('draft.json', v2);
    expect(await blobs.get('draft.json')).toBeUndefined();
    await blobs.delete('draft.json');
  });

  it('lists by prefix in pages', async () => {
    const blobs = await freshBlobs();
    for (const name of ['a/1', 'a/2', 'a/3', 'b/1']) await blobs.put(name, name);
    const first = await blobs.list('a/', { limit: 2 });
    expect(first.items.map((i) => i.name)).toEqual(['a/1', 'a/2']);
    const second = await blobs.list('a/', { limit: 2, continuation: first.continuation });
    expect(second.items.map((i) => i.name)).toEqual(['a/3']);
    expect(second.continuation).toBeUndefined();
    expect(second.items[0]).toMatchObject({ size: 3 });
  });
});
