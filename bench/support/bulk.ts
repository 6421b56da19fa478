/**
 * Seeding at council scale: rows written 100 to a request, as entity-group transactions of one
 * partition, in the table store's own encoding (src/adapters/storage/table-store.ts: keys escaped
 * as encodeKey does, the value validated by its schema and split into d0…dN columns), so the
 * product reads them exactly as if it had written them one by one. Only for benchmarks: the
 * product writes through its stores.
 */
import type { ZodType } from 'zod';
import { createClients } from '../../src/adapters/storage/connection.js';
import { encodeKey } from '../../src/adapters/storage/keys.js';
import { toColumns } from '../../src/adapters/storage/table-store.js';
import { asciiJson, parseOutgoing } from '../../src/adapters/storage/validation.js';
import type { StoreKey } from '../../src/domain/ports/storage.js';

const BATCH = 100;

/** Upserts every row (the table must exist); returns how many requests it took. */
export async function bulkUpsert<T>(connectionString: string, table: string, schema: ZodType<T>, rows: ReadonlyArray<{ readonly key: StoreKey; readonly value: T }>, concurrency = 8): Promise<number> {
  const client = createClients(connectionString).table(table);
  const byPartition = new Map<string, Map<string, Record<string, unknown> & { partitionKey: string; rowKey: string }>>();
  for (const { key, value } of rows) {
    const entity = { partitionKey: encodeKey(key.partition, table), rowKey: encodeKey(key.id, table), ...toColumns(asciiJson(parseOutgoing(schema, value, table)), table) };
    const partition = byPartition.get(entity.partitionKey) ?? new Map();
    partition.set(entity.rowKey, entity); // the last write of a row wins, as with upserts
    byPartition.set(entity.partitionKey, partition);
  }
  const chunks: Array<Array<Record<string, unknown> & { partitionKey: string; rowKey: string }>> = [];
  for (const partition of byPartition.values()) {
    const entities = [...partition.values()];
    for (let i = 0; i < entities.length; i += BATCH) chunks.push(entities.slice(i, i + BATCH));
  }
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] ?? [];
      await client.submitTransaction(chunk.map((entity) => ['upsert', entity, 'Replace'] as const));
    }
  }));
  return chunks.length;
}
