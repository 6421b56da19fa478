import { describe, expect, it } from 'vitest';
import { CachedDirectory } from '../../../src/adapters/graph/cached-directory.js';
import type { Directory, Person } from '../../../src/domain/people/person.js';
import { InMemoryDirectory } from '../../support/in-memory-directory.js';

/** The in-memory directory, counting the questions that reach it. */
function counted(inner: Directory) {
  const asked: string[] = [];
  const directory: Directory = {
    getPerson: async (id) => (asked.push(`person ${id}`), inner.getPerson(id)),
    getManager: async (id) => (asked.push(`manager ${id}`), inner.getManager(id)),
    getDirectReports: async (id) => (asked.push(`reports ${id}`), inner.getDirectReports(id)),
    ping: async () => void asked.push('ping'),
  };
  return { directory, asked };
}

const people = () => new InMemoryDirectory()
  .add({ id: 'tm', displayName: 'Tariq Manager' })
  .add({ id: 'sw', displayName: 'Sam Worker' }, 'tm');

describe('the directory cache (issue 16 item 4: the same Graph questions at every turn)', () => {
  it('answers the same question again from memory within the time, and asks again after it', async () => {
    const org = people();
    const { directory, asked } = counted(org);
    let now = 0;
    const cached = new CachedDirectory(directory, { ttlMs: 60_000, nowMs: () => now });
    expect((await cached.getPerson('sw'))?.displayName).toBe('Sam Worker');
    expect((await cached.getManager('sw'))?.id).toBe('tm');
    expect((await cached.getDirectReports('tm')).map((p) => p.id)).toEqual(['sw']);
    now = 59_999;
    await cached.getPerson('sw');
    await cached.getManager('sw');
    await cached.getDirectReports('tm');
    expect(asked).toEqual(['person sw', 'manager sw', 'reports tm']);
    // A change in the directory is seen once the time is up.
    org.add({ id: 'sw', displayName: 'Sam Worker-Jones' }, 'tm');
    now = 60_000;
    expect((await cached.getPerson('sw'))?.displayName).toBe('Sam Worker-Jones');
    expect(asked).toHaveLength(4);
  });

  it('keeps "not in the directory" for the same time, as an answer', async () => {
    const { directory, asked } = counted(people());
    const cached = new CachedDirectory(directory, { ttlMs: 60_000, nowMs: () => 0 });
    expect(await cached.getPerson('nobody')).toBeUndefined();
    expect(await cached.getPerson('nobody')).toBeUndefined();
    expect(asked).toEqual(['person nobody']);
  });

  it('shares one request between questions asked at the same time', async () => {
    const { directory, asked } = counted(people());
    const cached = new CachedDirectory(directory, { ttlMs: 60_000, nowMs: () => 0 });
    const answers = await Promise.all([cached.getManager('sw'), cached.getManager('sw'), cached.getManager('sw')]);
    expect(answers.map((p) => p?.id)).toEqual(['tm', 'tm', 'tm']);
    expect(asked).toEqual(['manager sw']);
  });

  it('never keeps a failure: the next question asks again', async () => {
    let fail = true;
    const sam: Person = { id: 'sw', displayName: 'Sam Worker' };
    const org = people();
    const flaky: Directory = {
      getPerson: async () => { if (fail) throw new Error('Graph 503'); return sam; },
      getManager: (id) => org.getManager(id), getDirectReports: (id) => org.getDirectReports(id), ping: () => org.ping(),
    };
    const cached = new CachedDirectory(flaky, { ttlMs: 60_000, nowMs: () => 0 });
    await expect(cached.getPerson('sw')).rejects.toThrow('Graph 503');
    fail = false;
    expect(await cached.getPerson('sw')).toEqual(sam);
  });

  it('keeps at most maxEntries answers, dropping the oldest, and always pings', async () => {
    const { directory, asked } = counted(people());
    const cached = new CachedDirectory(directory, { ttlMs: 60_000, nowMs: () => 0, maxEntries: 2 });
    await cached.getPerson('a');
    await cached.getPerson('b');
    await cached.getPerson('c');
    await cached.getPerson('c');
    await cached.getPerson('a');
    await cached.ping();
    await cached.ping();
    expect(asked).toEqual(['person a', 'person b', 'person c', 'person a', 'ping', 'ping']);
  });
});
