import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { PlannedSession } from '../../src/domain/agreements/types.js';
import { AgreementRepository, sessionKey } from '../../src/repositories/agreements.js';
import { Collection, UPDATE_ATTEMPTS } from '../../src/repositories/collection.js';
import { LostRaceError, isLostRace } from '../../src/repositories/lost-race.js';
import { markSessionHeld } from '../../src/usecases/records/share-record.js';
import { MemoryStore } from '../usecases/agreements/memory-store.js';

/** A store whose conditional writes always lose (another writer always got there first). */
class AlwaysStale<T> extends MemoryStore<T> {
  replaces = 0;
  override async replace(): Promise<string> {
    this.replaces++;
    throw new AppError('precondition_failed', 'stale');
  }
}

const key = (id: string) => ({ partition: 'p', id });

describe('the one ETag-retry loop (src/repositories/collection.ts)', () => {
  it('concurrent read-change-writes of one row all land: nothing is lost', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 8 }), async (writers) => {
      const store = new MemoryStore<{ n: number }>();
      const rows = new Collection(store, key, 'missing');
      await rows.create('a', { n: 0 });
      await Promise.all(Array.from({ length: writers }, () => rows.update('a', (c) => ({ n: c.n + 1 }))));
      expect((await rows.get('a'))?.n).toBe(writers);
    }), { numRuns: 10 });
  });

  it('a race lost on every attempt ends in LostRaceError (code conflict, plain words), never silently', async () => {
    const store = new AlwaysStale<{ n: number }>();
    store.seed(key('a'), { n: 0 });
    const rows = new Collection(store, key, 'missing');
    const error = await rows.update('a', (c) => ({ n: c.n + 1 })).catch((e: unknown) => e);
    expect(isLostRace(error)).toBe(true);
    expect(error).toMatchObject({ code: 'conflict', details: { attempts: UPDATE_ATTEMPTS } });
    expect((error as LostRaceError).message).toMatch(/^Someone else changed this at the same moment/);
    expect(store.replaces).toBe(UPDATE_ATTEMPTS);
  });

  it('a change that leaves the value as it is writes nothing', async () => {
    const store = new MemoryStore<{ n: number }>();
    const rows = new Collection(store, key, 'missing');
    await rows.create('a', { n: 1 });
    const before = store.writes;
    expect(await rows.update('a', (c) => c)).toEqual({ value: { n: 1 }, changed: false });
    expect(await rows.upsert('b', () => ({ n: 0 }), () => undefined)).toEqual({ value: { n: 0 }, changed: false });
    expect(store.writes).toBe(before);
    expect(await rows.get('b')).toBeUndefined();
  });

  it('update of a missing row says so in the collection\'s words; create twice answers exists', async () => {
    const rows = new Collection(new MemoryStore<{ n: number }>(), key, 'There is no such thing.');
    await expect(rows.update('x', (c) => c)).rejects.toMatchObject({ code: 'not_found', message: 'There is no such thing.' });
    expect(await rows.create('x', { n: 1 })).toBe('created');
    expect(await rows.create('x', { n: 2 })).toBe('exists');
    expect(await rows.get('x')).toEqual({ n: 1 });
  });
});

describe('no silent give-up (issue 10 Done when)', () => {
  it('marking a session held after a share: a lost ETag race surfaces as LostRaceError where it used to be swallowed after 3 tries', async () => {
    const sessions = new AlwaysStale<PlannedSession>();
    const session: PlannedSession = { sessionId: 'a1-s01', agreementId: 'a1', date: '2026-12-01', start: '10:00', minutes: 90, startUtc: '2026-12-01T10:00:00Z', endUtc: '2026-12-01T11:30:00Z', rule: 'SE-F6', status: 'booked' };
    sessions.seed(sessionKey('a1', 'a1-s01'), session);
    const agreements = new AgreementRepository({ agreements: new MemoryStore(), sessions, links: new MemoryStore() });
    await expect(markSessionHeld({ agreements }, 'a1', 'a1-s01')).rejects.toBeInstanceOf(LostRaceError);
    expect(sessions.replaces).toBe(UPDATE_ATTEMPTS);
  });
});

/** Pages as Azure Table storage does: at most `limit` (default 100, at most 1,000) items, then a continuation. */
class Paging<T> extends MemoryStore<T> {
  readonly asked: number[] = [];
  override async list(partition: string, page: { limit?: number; continuation?: string } = {}) {
    const limit = Math.min(page.limit ?? 100, 1000);
    this.asked.push(limit);
    const all = (await super.list(partition)).items;
    const from = Number(page.continuation ?? 0);
    const items = all.slice(from, from + limit);
    return from + limit < all.length ? { items, continuation: String(from + limit) } : { items };
  }
}

describe('a whole partition is read in the largest pages the service gives (issue 16 item 4)', () => {
  it.each([[450, 1], [2_300, 3]])('%i rows: %i round trips, every row once, in id order', async (rows, trips) => {
    const store = new Paging<{ n: number }>();
    for (let i = 0; i < rows; i++) store.seed(key(`r${String(i).padStart(5, '0')}`), { n: i });
    const items = await new Collection(store, key, 'missing').list('p');
    expect(items.map((v) => v.n)).toEqual(Array.from({ length: rows }, (_, i) => i));
    expect(store.asked).toEqual(Array.from({ length: trips }, () => 1000));
  });
});
