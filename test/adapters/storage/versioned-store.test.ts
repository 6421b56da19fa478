import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStorage, mutate } from '../../../src/adapters/storage/index.js';
import { MAX_VALUE_CHARS } from '../../../src/adapters/storage/table-store.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { codeOf } from '../../support/error-code.js';

const ZDraft = z.object({ title: z.string(), count: z.number().int() });
type Draft = z.infer<typeof ZDraft>;

const azurite = useAzurite();

async function freshStore<T = Draft>(schema: z.ZodType<T> = ZDraft as unknown as z.ZodType<T>) {
  const storage = createStorage(azurite.connectionString);
  const store = storage.versioned(uniqueName('drafts'), schema);
  await storage.ensureCreated();
  return store;
}

describe('TableVersionedStore', () => {
  it('round-trips a value with its ETag', async () => {
    const store = await freshStore();
    const key = { partition: 'agreement/1', id: 'session#3?' };
    const etag = await store.create(key, { title: 'Agenda', count: 1 });
    const got = await store.get(key);
    expect(got).toEqual({ value: { title: 'Agenda', count: 1 }, etag });
    expect(await store.get({ partition: 'agreement/1', id: 'missing' })).toBeUndefined();
  });

  it('refuses a second create with conflict', async () => {
    const store = await freshStore();
    const key = { partition: 'p', id: 'x' };
    await store.create(key, { title: 'a', count: 1 });
    expect(await codeOf(store.create(key, { title: 'b', count: 2 }))).toBe('conflict');
    expect((await store.get(key))?.value.title).toBe('a');
  });

  it('refuses a stale ETag and accepts the fresh one', async () => {
    const store = await freshStore();
    const key = { partition: 'p', id: 'x' };
    const first = await store.create(key, { title: 'v1', count: 1 });
    const second = await store.replace(key, { title: 'v2', count: 2 }, first);
    expect(second).not.toBe(first);
    expect(await codeOf(store.replace(key, { title: 'lost update', count: 9 }, first))).toBe('precondition_failed');
    const third = await store.replace(key, { title: 'v3', count: 3 }, second);
    expect(await store.get(key)).toEqual({ value: { title: 'v3', count: 3 }, etag: third });
  });

  it('replace of a missing key is not_found', async () => {
    const store = await freshStore();
    const other = await store.create({ partition: 'p', id: 'a' }, { title: 'a', count: 1 });
    expect(await codeOf(store.replace({ partition: 'p', id: 'b' }, { title: 'b', count: 1 }, other))).toBe('not_found');
  });

  it('deletes conditionally and unconditionally', async () => {
    const store = await freshStore();
    const key = { partition: 'p', id: 'x' };
    const v1 = await store.create(key, { title: 'a', count: 1 });
    await store.upsert(key, { title: 'b', count: 2 });
    expect(await codeOf(store.delete(key, v1))).toBe('precondition_failed');
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    await store.delete(key);
  });

  it('lists one partition in pages', async () => {
    const store = await freshStore();
    for (let i = 0; i < 5; i++) await store.create({ partition: 'team/1', id: `s${i}` }, { title: `t${i}`, count: i });
    await store.create({ partition: 'team/2', id: 's0' }, { title: 'other', count: 0 });
    const first = await store.list('team/1', { limit: 3 });
    expect(first.items.map((i) => i.key.id)).toEqual(['s0', 's1', 's2']);
    expect(first.continuation).toBeDefined();
    const second = await store.list('team/1', { limit: 3, continuation: first.continuation });
    expect(second.items.map((i) => i.value.title)).toEqual(['t3', 't4']);
    expect(second.continuation).toBeUndefined();
    expect(second.items[0]?.key).toEqual({ partition: 'team/1', id: 's3' });
  });

  it('lists only the ids that start with the prefixes asked for, across pages, with keys that need escaping', async () => {
    // An agreement's year keeps sessions, records and actions in one partition (agreement-year.ts):
    // a reader of sessions must not fetch the records, which can be long.
    const store = await freshStore();
    const ids = ['action~a1', 'moved~', 'record~s1', 'record~s2', 'session~s1', 'session~s2', 'session~s3', 'session~x/y#1', 'sessionx', 'sessio', 'session', 's%2F~1', 's/~2'];
    for (const id of ids) await store.create({ partition: 'agr/1', id }, { title: id, count: 0 });
    await store.create({ partition: 'agr/2', id: 'session~s1' }, { title: 'other partition', count: 0 });
    const listed = async (idPrefixes: readonly string[], limit?: number): Promise<string[]> => {
      const out: string[] = [];
      let continuation: string | undefined;
      do {
        const page = await store.list('agr/1', { idPrefixes, ...(limit === undefined ? {} : { limit }), ...(continuation === undefined ? {} : { continuation }) });
        out.push(...page.items.map((i) => i.key.id));
        continuation = page.continuation;
      } while (continuation !== undefined);
      return out;
    };
    expect(await listed(['session~'])).toEqual(['session~s1', 'session~s2', 'session~s3', 'session~x/y#1']);
    expect(await listed(['session~'], 2)).toEqual(['session~s1', 'session~s2', 'session~s3', 'session~x/y#1']);
    expect(await listed(['action~', 'session~', 'moved~'])).toEqual(['action~a1', 'moved~', 'session~s1', 'session~s2', 'session~s3', 'session~x/y#1']);
    // Escaped characters in a prefix: "/" is stored as %2F, "%" as %25; neither prefix matches the other's key.
    expect(await listed(['s/~'])).toEqual(['s/~2']);
    expect(await listed(['s%2F~'])).toEqual(['s%2F~1']);
    expect(await listed(['nothing~'])).toEqual([]);
    expect((await store.list('agr/1')).items).toHaveLength(ids.length);
  });

  it('validates values on the way in and on the way out', async () => {
    const store = await freshStore();
    expect(await codeOf(store.create({ partition: 'p', id: 'x' }, { title: 'a', count: 1.5 }))).toBe('invalid_input');
    await store.create({ partition: 'p', id: 'y' }, { title: 'a', count: 1 });
    // Same table read with a stricter schema: data drifted from the code.
    const storage = createStorage(azurite.connectionString);
    const strict = storage.versioned((store as unknown as { client: { tableName: string } }).client.tableName, z.object({ title: z.string(), owner: z.string() }));
    expect(await codeOf(strict.get({ partition: 'p', id: 'y' }))).toBe('internal');
  });

  it('chunks large values across columns and refuses values over the limit', async () => {
    const store = await freshStore(z.object({ text: z.string() }));
    const big = 'é😀abcdefghij'.repeat(12_000); // ~340K chars of escaped JSON: 11 chunks
    const etag = await store.create({ partition: 'p', id: 'big' }, { text: big });
    // Compared as a boolean: a failure must not print 200K characters.
    expect((await store.get({ partition: 'p', id: 'big' }))?.value.text === big).toBe(true);
    // Shrinking must not leave old chunks behind.
    await store.replace({ partition: 'p', id: 'big' }, { text: 'small' }, etag);
    expect((await store.get({ partition: 'p', id: 'big' }))?.value.text).toBe('small');
    expect(await codeOf(store.create({ partition: 'p', id: 'huge' }, { text: 'x'.repeat(MAX_VALUE_CHARS) }))).toBe('invalid_input');
  });
});

describe('mutate', () => {
  it('applies concurrent read-modify-writes without losing any', async () => {
    const store = await freshStore();
    const key = { partition: 'counters', id: 'c1' };
    const bump = (current: Draft | undefined): Draft => ({ title: 'counter', count: (current?.count ?? 0) + 1 });
    await Promise.all(Array.from({ length: 8 }, () => mutate(store, key, bump, 20)));
    expect((await store.get(key))?.value.count).toBe(8);
  });

  it('writes nothing when the change returns undefined', async () => {
    const store = await freshStore();
    const key = { partition: 'p', id: 'x' };
    const etag = await store.create(key, { title: 'keep', count: 1 });
    expect(await mutate(store, key, () => undefined)).toEqual({ value: { title: 'keep', count: 1 }, etag });
  });
});

describe('ensureCreated', () => {
  it('can run again (every instance calls it at startup)', async () => {
    const storage = createStorage(azurite.connectionString);
    storage.versioned('again', ZDraft);
    storage.queue('again-jobs', ZDraft);
    storage.blobs('again-docs');
    storage.leases();
    storage.log('againlog', ZDraft);
    await storage.ensureCreated();
    await storage.ensureCreated();
  });
});
