import { odata, TableClient, type TableEntityResult } from '@azure/data-tables';
import type { ZodType } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ETag, Page, PageRequest, StoreKey, StoredItem, Versioned, VersionedStore } from '../../domain/ports/storage.js';
import { guard, statusOf, toAppError } from './errors.js';
import { decodeKey, encodeKey } from './keys.js';
import { asciiJson, parseIncoming, parseJson, parseOutgoing } from './validation.js';

/**
 * Values are stored as JSON split across string columns d0..dN. A string property holds at most
 * 64 KiB (32K UTF-16 units) and an entity at most 1 MiB, so a value may be up to
 * MAX_CHUNKS × CHUNK_CHARS characters of JSON (~480K). Anything bigger (documents, PDFs) belongs in
 * the BlobStore, with only its name kept here: refusing it keeps every table write a single
 * atomic entity operation, which is what makes the ETag checks meaningful.
 */
export const CHUNK_CHARS = 32_000;
export const MAX_CHUNKS = 15;
export const MAX_VALUE_CHARS = CHUNK_CHARS * MAX_CHUNKS;

type Columns = Record<string, string | number>;


export function toColumns(json: string, what: string): Columns {
  if (json.length > MAX_VALUE_CHARS) {
    throw new AppError('invalid_input', `${what}: value too large for a table entity (${json.length} chars, max ${MAX_VALUE_CHARS}); store it as a blob`);
  }
  const columns: Columns = {};
  let n = 0;
  for (let at = 0; at < json.length || n === 0; at += CHUNK_CHARS, n++) {
    columns[`d${n}`] = json.slice(at, at + CHUNK_CHARS);
  }
  columns.n = n;
  return columns;
}

export function fromColumns(entity: Record<string, unknown>, what: string): string {
  const n = entity.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_CHUNKS) {
    throw new AppError('internal', `${what}: stored entity has no valid chunk count`);
  }
  let json = '';
  for (let i = 0; i < n; i++) {
    const chunk = entity[`d${i}`];
    if (typeof chunk !== 'string') throw new AppError('internal', `${what}: stored entity is missing chunk ${i}`);
    json += chunk;
  }
  return json;
}

/** The Table service returns at most 1,000 entities a page. */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 100), 1), 1000);
}

function etagOf(response: { etag?: string }, what: string): ETag {
  if (!response.etag) throw new AppError('internal', `${what}: storage returned no ETag`);
  return response.etag;
}

export class TableVersionedStore<T> implements VersionedStore<T> {
  private readonly what: string;

  constructor(
    private readonly client: TableClient,
    private readonly schema: ZodType<T>,
  ) {
    this.what = `table ${client.tableName}`;
  }

  private entity(key: StoreKey, value: T): Record<string, unknown> & { partitionKey: string; rowKey: string } {
    const checked = parseOutgoing(this.schema, value, this.what);
    return {
      partitionKey: encodeKey(key.partition, this.what),
      rowKey: encodeKey(key.id, this.what),
      ...toColumns(asciiJson(checked), this.what),
    };
  }

  private read(entity: Record<string, unknown>): T {
    return parseIncoming(this.schema, parseJson(fromColumns(entity, this.what), this.what), this.what);
  }

  async get(key: StoreKey): Promise<Versioned<T> | undefined> {
    const pk = encodeKey(key.partition, this.what);
    const rk = encodeKey(key.id, this.what);
    let entity: TableEntityResult<Record<string, unknown>>;
    try {
      entity = await guard(`${this.what} get`, () => this.client.getEntity(pk, rk));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return undefined;
      throw error;
    }
    return { value: this.read(entity), etag: etagOf(entity, this.what) };
  }

  async create(key: StoreKey, value: T): Promise<ETag> {
    const entity = this.entity(key, value);
    const response = await guard(`${this.what} create`, () => this.client.createEntity(entity));
    return etagOf(response, this.what);
  }

  async replace(key: StoreKey, value: T, ifMatch: ETag): Promise<ETag> {
    const entity = this.entity(key, value);
    // Replace rather than Merge so chunk columns left over from a longer old value disappear.
    const response = await guard(`${this.what} replace`, () => this.client.updateEntity(entity, 'Replace', { etag: ifMatch }));
    return etagOf(response, this.what);
  }

  async upsert(key: StoreKey, value: T): Promise<ETag> {
    const entity = this.entity(key, value);
    const response = await guard(`${this.what} upsert`, () => this.client.upsertEntity(entity, 'Replace'));
    return etagOf(response, this.what);
  }

  async delete(key: StoreKey, ifMatch?: ETag): Promise<void> {
    const pk = encodeKey(key.partition, this.what);
    const rk = encodeKey(key.id, this.what);
    try {
      await this.client.deleteEntity(pk, rk, { etag: ifMatch ?? '*' });
    } catch (error) {
      // A conditional delete of a missing row must still fail: the caller's version is gone.
      if (statusOf(error) === 404 && ifMatch === undefined) return;
      throw toAppError(error, `${this.what} delete`);
    }
  }

  /**
   * " and (RowKey in [p, p with its last character's successor) or …)": every key starting with p
   * sorts in that range and no other does (keys compare by UTF-16 code unit, in Azure and Azurite).
   */
  private idPrefixFilter(prefixes: readonly string[] | undefined): string {
    if (prefixes === undefined) return '';
    if (prefixes.length === 0) throw new AppError('internal', `${this.what} list: no id prefix to list`);
    const ranges = prefixes.map((prefix) => {
      const from = encodeKey(prefix, this.what);
      const before = from.slice(0, -1) + String.fromCharCode(from.charCodeAt(from.length - 1) + 1);
      return odata`(RowKey ge ${from} and RowKey lt ${before})`;
    });
    return ` and (${ranges.join(' or ')})`;
  }

  async list(partition: string, page: PageRequest = {}): Promise<Page<StoredItem<T>>> {
    const pk = encodeKey(partition, this.what);
    const pages = this.client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk}` + this.idPrefixFilter(page.idPrefixes) } })
      .byPage({ maxPageSize: pageSize(page.limit), ...(page.continuation ? { continuationToken: page.continuation } : {}) });
    const result = await guard(`${this.what} list`, () => pages.next());
    if (result.done || !result.value) return { items: [] };
    const entities = result.value;
    const items = entities.map((entity) => ({
      key: { partition, id: decodeKey(entity.rowKey ?? '') },
      value: this.read(entity),
      etag: etagOf(entity, this.what),
    }));
    return entities.continuationToken ? { items, continuation: entities.continuationToken } : { items };
  }
}
