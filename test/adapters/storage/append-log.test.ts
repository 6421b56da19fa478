import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/domain/errors.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import { uniqueName, useAzurite } from '../../support/azurite.js';

const ZAudit = z.object({ actor: z.string(), action: z.string(), citation: z.string().optional() });

const azurite = useAzurite();

async function freshLog() {
  const storage = createStorage(azurite.connectionString);
  const log = storage.log(uniqueName('audit'), ZAudit);
  await storage.ensureCreated();
  return log;
}

const day = (d: number, h = 9) => new Date(Date.UTC(2026, 0, d, h));

describe('TableAppendOnlyLog', () => {
  it('lists entries of a partition in time order, within a range', async () => {
    const log = await freshLog();
    await log.append('team/7', { actor: 'u2', action: 'nudge' }, { at: day(3) });
    await log.append('team/7', { actor: 'u1', action: 'reminder', citation: 'Sefton 8.2' }, { at: day(1) });
    await log.append('team/7', { actor: 'u3', action: 'escalation' }, { at: day(5) });
    await log.append('team/8', { actor: 'u9', action: 'other team' }, { at: day(2) });

    const all = await log.list('team/7');
    expect(all.items.map((e) => e.value.action)).toEqual(['reminder', 'nudge', 'escalation']);
    expect(all.items[0]).toMatchObject({ partition: 'team/7', at: day(1), value: { citation: 'Sefton 8.2' } });

    const range = await log.list('team/7', { from: day(3), to: day(5) });
    expect(range.items.map((e) => e.value.action)).toEqual(['nudge']);

    const first = await log.list('team/7', { limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await log.list('team/7', { limit: 2, continuation: first.continuation });
    expect(rest.items.map((e) => e.value.action)).toEqual(['escalation']);
  });

  it('never overwrites: the same id appends nothing and leaves the first entry intact', async () => {
    const log = await freshLog();
    const first = await log.append('record/1', { actor: 'u1', action: 'read' }, { at: day(1), id: 'obligation-4/step-2' });
    expect(first).toEqual({ id: 'obligation-4/step-2', appended: true });
    // A retry, even at another time and with other content, cannot alter or duplicate it.
    const retry = await log.append('record/1', { actor: 'intruder', action: 'rewritten' }, { at: day(2), id: 'obligation-4/step-2' });
    expect(retry).toEqual({ id: 'obligation-4/step-2', appended: false });
    const { items } = await log.list('record/1');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'obligation-4/step-2', at: day(1), value: { actor: 'u1', action: 'read' } });
  });

  it('gives generated ids to entries without one, so equal times do not collide', async () => {
    const log = await freshLog();
    const a = await log.append('p', { actor: 'u1', action: 'a' }, { at: day(1) });
    const b = await log.append('p', { actor: 'u1', action: 'b' }, { at: day(1) });
    expect(a.id).not.toBe(b.id);
    expect((await log.list('p')).items).toHaveLength(2);
  });

  it('offers no way to change an entry', async () => {
    const log = await freshLog();
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(log)).filter((n) => n !== 'constructor').sort()).toEqual(['append', 'list']);
    await expect(log.append('p', { actor: 1 } as never, { at: day(1) })).rejects.toBeInstanceOf(AppError);
  });
});
