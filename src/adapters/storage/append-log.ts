import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { ZodType } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { AppendOnlyLog, AppendOptions, LogEntry, LogRange, Page } from '../../domain/ports/storage.js';
import { guard, statusOf, toAppError } from './errors.js';
import { decodeKey, encodeKey } from './keys.js';
import { fromColumns, pageSize, toColumns } from './table-store.js';
import { asciiJson, parseIncoming, parseJson, parseOutgoing } from './validation.js';

/**
 * The audit log as table rows rather than append blobs: reports need entries of one partition
 * by time range (a RowKey range query, not a scan of a whole blob), appends from many instances
 * must not contend for one blob's append position, and an append blob stops at 50,000 blocks.
 *
 * Each entry is two rows written in one entity-group transaction, both create-only:
 *   t_<ISO time>_<id>  the entry, listed in time order;
 *   i_<id>             its idempotency marker.
 * A retried append with the same id fails the whole transaction on the marker, so it can never
 * add a second entry or touch the first. This class has no update or delete path at all; the
 * table's write access is the remaining trust boundary (grant the app no other writer).
 */
const TIME_PREFIX = 't_';
const ID_PREFIX = 'i_';
// '`' sorts right after '_', so it bounds every "t_..." key from above.
const TIME_END = 't`';

function timeKey(at: Date, encodedId: string): string {
  return `${TIME_PREFIX}${at.toISOString()}_${encodedId}`;
}

function checkDate(at: Date, what: string): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9999) {
    // toISOString is only fixed-width (and so sortable) for years 0001–9999.
    throw new AppError('invalid_input', `${what}: time must be a valid date between years 1 and 9999`);
  }
  return at;
}

export class TableAppendOnlyLog<T> implements AppendOnlyLog<T> {
  private readonly what: string;

  constructor(
    private readonly client: TableClient,
    private readonly schema: ZodType<T>,
  ) {
    this.what = `log ${client.tableName}`;
  }

  async append(partition: string, value: T, options: AppendOptions): Promise<{ id: string; appended: boolean }> {
    const at = checkDate(options.at, this.what);
    const id = options.id ?? randomUUID();
    const pk = encodeKey(partition, this.what);
    const encodedId = encodeKey(id, this.what);
    const json = asciiJson(parseOutgoing(this.schema, value, this.what));
    const entryKey = timeKey(at, encodedId);
    const actions: TransactionAction[] = [
      ['create', { partitionKey: pk, rowKey: `${ID_PREFIX}${encodedId}`, entry: entryKey }],
      ['create', { partitionKey: pk, rowKey: entryKey, at: at.toISOString(), id, ...toColumns(json, this.what) }],
    ];
    try {
      await this.client.submitTransaction(actions);
      return { id, appended: true };
    } catch (error) {
      if (statusOf(error) === 409) return { id, appended: false };
      throw toAppError(error, `${this.what} append`);
    }
  }

  async list(partition: string, range: LogRange = {}): Promise<Page<LogEntry<T>>> {
    const pk = encodeKey(partition, this.what);
    const from = range.from ? `${TIME_PREFIX}${checkDate(range.from, this.what).toISOString()}` : TIME_PREFIX;
    const to = range.to ? `${TIME_PREFIX}${checkDate(range.to, this.what).toISOString()}` : TIME_END;
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`;
    const pages = this.client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter } })
      .byPage({ maxPageSize: pageSize(range.limit), ...(range.continuation ? { continuationToken: range.continuation } : {}) });
    const result = await guard(`${this.what} list`, () => pages.next());
    if (result.done || !result.value) return { items: [] };
    const entities = result.value;
    const items = entities.map((entity): LogEntry<T> => {
      const at = typeof entity.at === 'string' ? new Date(entity.at) : undefined;
      const id = typeof entity.id === 'string' ? entity.id : decodeKey(String(entity.rowKey).split('_').slice(2).join('_'));
      if (!at || Number.isNaN(at.getTime())) throw new AppError('internal', `${this.what}: stored entry has no valid time`);
      const value = parseIncoming(this.schema, parseJson(fromColumns(entity, this.what), this.what), this.what);
      return { partition, id, at, value };
    });
    return entities.continuationToken ? { items, continuation: entities.continuationToken } : { items };
  }
}
