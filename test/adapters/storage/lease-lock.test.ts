import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { createStorage, runExclusive } from '../../../src/adapters/storage/index.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';
import { restoreClock, travel } from '../../support/clock.js';

const azurite = useAzurite();

/** Two app instances: separate clients, same account. */
async function twoInstances() {
  const container = uniqueName('locks-');
  const a = createStorage(azurite.connectionString);
  const b = createStorage(azurite.connectionString);
  const lockA = a.leases(container);
  const lockB = b.leases(container);
  await a.ensureCreated();
  return { lockA, lockB };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BlobLeaseLock', () => {
  it('is exclusive between two holders and re-acquirable after release', async () => {
    const { lockA, lockB } = await twoInstances();
    const leaseA = await lockA.acquire('daily-sweep', 15);
    expect(leaseA).toBeDefined();
    expect(await lockB.acquire('daily-sweep', 15)).toBeUndefined();
    expect(await lockB.acquire('other-sweep', 15)).toBeDefined(); // names are independent
    await lockA.renew(leaseA!);
    await lockA.release(leaseA!);
    await lockA.release(leaseA!); // releasing twice is harmless
    const leaseB = await lockB.acquire('daily-sweep', 15);
    expect(leaseB).toBeDefined();
    // The old holder cannot renew what it no longer holds.
    await expect(lockA.renew(leaseA!)).rejects.toMatchObject({ code: 'precondition_failed' });
  });

  it('refuses durations the service does not allow', async () => {
    const { lockA } = await twoInstances();
    await expect(lockA.acquire('x', 5)).rejects.toBeInstanceOf(AppError);
    await expect(lockA.acquire('bad/name', 15)).rejects.toBeInstanceOf(AppError);
  });

  it('runExclusive runs work on one instance only', async () => {
    const { lockA, lockB } = await twoInstances();
    let runs = 0;
    const work = async () => {
      runs++;
      await sleep(200);
      return 'done';
    };
    const results = await Promise.all([runExclusive(lockA, 'sweep', 15, work), runExclusive(lockB, 'sweep', 15, work)]);
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ran)).toEqual([{ ran: true, result: 'done' }]);
    // Released afterwards: the next sweep can run.
    expect(await runExclusive(lockB, 'sweep', 15, async () => 'next')).toEqual({ ran: true, result: 'next' });
  });

  afterEach(restoreClock);

  // Leases last at least 15 s. Azurite runs in this process and reads the clock through Date,
  // so moving Date forward (timers stay real) lets its own expiry logic run without the wait.
  it('lapses on its own when the holder dies', async () => {
    const { lockA, lockB } = await twoInstances();
    const dead = await lockA.acquire('crashy', 15);
    expect(dead).toBeDefined();
    expect(await lockB.acquire('crashy', 15)).toBeUndefined();
    travel(14_000);
    expect(await lockB.acquire('crashy', 15)).toBeUndefined();
    travel(2_000);
    const taken = await lockB.acquire('crashy', 15);
    expect(taken).toBeDefined();
    await expect(lockA.renew(dead!)).rejects.toMatchObject({ code: 'precondition_failed' });
  });
});
