/**
 * The append-only log of refusals (issue 16 L7; DESIGN.md "Security": every refusal audited): who
 * was refused, what they tried, when, and which agreement or session it concerned. Ids only, never
 * names or what was typed. Record views keep their own log (records.ts `recordaudit`); this one
 * holds every other refusal. Partition: `refusals-YYYY-MM`, so an inspector's month is one range.
 */
import { z } from 'zod';
import type { AppendOnlyLog } from '../domain/ports/storage.js';
import type { RepositoryStorage } from './storage.js';

export const REFUSALS_TABLE = 'refusalaudit';

const id = z.string().min(1).max(200);

export const ZRefusalEntry = z.strictObject({
  event: z.literal('refused'),
  /** The Entra object id the channel authenticated; absent when it sent none. */
  byId: id.optional(),
  /** The card verb or chat command that was refused. */
  what: z.string().min(1).max(100),
  /** The refusal's stable code (AppError codes). */
  code: z.string().min(1).max(40),
  agreementId: id.optional(),
  sessionId: id.optional(),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/),
});
export type RefusalEntry = z.infer<typeof ZRefusalEntry>;

export const refusalPartition = (at: string): string => `refusals-${at.slice(0, 7)}`;

export function refusalLog(storage: Pick<RepositoryStorage, 'log'>): AppendOnlyLog<RefusalEntry> {
  return storage.log(REFUSALS_TABLE, ZRefusalEntry);
}

export class RefusalRepository {
  constructor(readonly log: AppendOnlyLog<RefusalEntry>) {}

  /** Appends one refusal under `id`; a retried append with the same id lands once. */
  async record(entry: RefusalEntry, id: string): Promise<void> {
    await this.log.append(refusalPartition(entry.at), entry, { at: new Date(Date.parse(entry.at)), id });
  }

  /** The refusals of one month (`YYYY-MM`), oldest first, up to `limit`. */
  async inMonth(month: string, limit = 1000): Promise<(RefusalEntry & { id: string })[]> {
    const page = await this.log.list(`refusals-${month}`, { limit });
    return page.items.map((e) => ({ ...e.value, id: e.id }));
  }
}
