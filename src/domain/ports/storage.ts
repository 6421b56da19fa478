/**
 * Storage ports: what the product needs from durable storage, in its own words. Adapters in
 * src/adapters/storage implement them on Azure Storage; tests may implement them in memory.
 *
 * Every implementation validates values with a schema given at construction, both on the way
 * in and on the way back out, so nothing unparsed ever reaches the domain.
 *
 * Errors are AppError (src/domain/errors.ts) with these codes:
 * - conflict: the thing already exists (create, write-once put, a lease someone else holds);
 * - precondition_failed: the ETag (or lease) given is no longer current;
 * - not_found: replace/delete/renew of something that does not exist;
 * - invalid_input: a value or key that cannot be stored (schema, size, key characters);
 * - unavailable / throttled: the service could not be reached or asked us to back off;
 * - internal: stored data no longer matches its schema.
 */

/** Opaque version tag. Pass it back unchanged to make a write conditional on it. */
export type ETag = string;

export interface Page<T> {
  items: T[];
  /** Present when there are more items; pass it back to get the next page. */
  continuation?: string;
}

export interface PageRequest {
  /** Upper bound on items in this page (a page may hold fewer even when more follow). */
  limit?: number;
  continuation?: string;
  /**
   * Only items whose id starts with one of these, chosen by the store rather than after reading
   * (an agreement's year keeps several kinds of row in one partition; a reader of one kind should
   * not fetch the others). Every page of one listing must ask with the same prefixes.
   */
  idPrefixes?: readonly string[];
}

/** Where a record lives: records sharing a partition can be listed together. */
export interface StoreKey {
  partition: string;
  id: string;
}

export interface Versioned<T> {
  value: T;
  etag: ETag;
}

export interface StoredItem<T> extends Versioned<T> {
  key: StoreKey;
}

/** Keyed documents with optimistic concurrency. */
export interface VersionedStore<T> {
  get(key: StoreKey): Promise<Versioned<T> | undefined>;
  /** Fails with conflict when the key already exists. */
  create(key: StoreKey, value: T): Promise<ETag>;
  /** Fails with precondition_failed when ifMatch is stale, not_found when the key is gone. */
  replace(key: StoreKey, value: T, ifMatch: ETag): Promise<ETag>;
  /** Last writer wins; use only where a lost update is harmless. */
  upsert(key: StoreKey, value: T): Promise<ETag>;
  /**
   * Without ifMatch deletes unconditionally, and a missing key is not an error. With ifMatch a
   * stale version fails with precondition_failed and a missing key with not_found.
   */
  delete(key: StoreKey, ifMatch?: ETag): Promise<void>;
  /** Items of one partition in id order. */
  list(partition: string, page?: PageRequest): Promise<Page<StoredItem<T>>>;
}

export interface SendOptions {
  /** The message stays invisible this long before its first delivery (max 7 days). */
  delaySeconds?: number;
}

export interface ReceiveOptions {
  /** At most this many messages (1–32). Default 1. */
  max?: number;
  /**
   * How long (1 s – 7 days, default 30 s) a received message stays hidden from other workers. A worker that dies without
   * calling complete() lets the message reappear after this, with dequeueCount + 1.
   */
  visibilitySeconds?: number;
}

/** Identifies one delivery of a message: the receipt changes with every receive or update. */
export interface Delivery {
  id: string;
  receipt: string;
}

export interface JobMessage<T> extends Delivery {
  body: T;
  /** How many times this message has been delivered, this delivery included. */
  dequeueCount: number;
  insertedAt: Date;
  /** When the message reappears unless it is completed or extended first. */
  visibleAgainAt: Date;
}

export interface PoisonedMessage {
  id: string;
  /** The original message text as it was in the queue (may not match the schema). */
  text: string;
  dequeueCount: number;
  reason: string;
  poisonedAt: Date;
}

/**
 * At-least-once job queue. Work must be idempotent: a message is redelivered when its worker
 * dies, and delivered to a poison queue after too many attempts instead of looping forever.
 */
export interface JobQueue<T> {
  send(body: T, options?: SendOptions): Promise<{ id: string }>;
  /**
   * Messages delivered more often than the queue's limit, or whose body does not parse, are moved
   * to the poison queue here and not returned.
   */
  receive(options?: ReceiveOptions): Promise<JobMessage<T>[]>;
  /** Removes the message for good. precondition_failed (or not_found) if this delivery is stale. */
  complete(delivery: Delivery): Promise<void>;
  /**
   * Keeps a long job's message hidden for another `seconds` (0 hands it back for an immediate
   * retry). Returns the new delivery.
   */
  extend(delivery: Delivery, seconds: number): Promise<Delivery>;
  /** Puts the message back with new content (e.g. progress) to reappear after delaySeconds. */
  reschedule(delivery: Delivery, body: T, delaySeconds: number): Promise<Delivery>;
  /** Gives up on a message now (e.g. a permanent error) and moves it to the poison queue. */
  poison(message: JobMessage<T>, reason: string): Promise<void>;
  /** Looks at poisoned messages without removing them (for operators and tests). */
  peekPoisoned(max?: number): Promise<PoisonedMessage[]>;
}

export interface BlobPutOptions {
  contentType?: string;
  /** '*': write once, fails with conflict when the blob exists. */
  ifNoneMatch?: '*';
  /** Overwrite only this version; precondition_failed otherwise. */
  ifMatch?: ETag;
  metadata?: Record<string, string>;
}

export interface BlobInfo {
  name: string;
  etag: ETag;
  size: number;
  contentType?: string;
  lastModified: Date;
}

export interface BlobContent extends BlobInfo {
  body: Uint8Array;
  metadata: Record<string, string>;
}

/** Named byte blobs (documents, PDFs, large JSON) in one container. */
export interface BlobStore {
  put(name: string, body: Uint8Array | string, options?: BlobPutOptions): Promise<ETag>;
  get(name: string): Promise<BlobContent | undefined>;
  /** Without ifMatch deletes unconditionally. Deleting a missing blob is not an error. */
  delete(name: string, ifMatch?: ETag): Promise<void>;
  /** Blobs whose names start with prefix, in name order. */
  list(prefix: string, page?: PageRequest): Promise<Page<BlobInfo>>;
}

/**
 * What a lease may last: Azure Blob Storage grants 15 to 60 seconds (or an infinite lease, which a
 * crashed holder would never give back). A pass that runs longer renews it (LeaseLock.exclusive).
 */
export const LEASE_SECONDS = { min: 15, max: 60 } as const;

export interface Lease {
  name: string;
  id: string;
}

/**
 * A named mutual-exclusion lock shared by every instance of the app ("only one instance runs a
 * sweep"). A lease lapses on its own after `seconds` unless renewed, so a crashed holder never
 * blocks the others for longer than that.
 */
export type ExclusiveResult<R> = { ran: true; result: R } | { ran: false };

export interface LeaseLock {
  /** 15–60 seconds. Undefined when someone else holds it. */
  acquire(name: string, seconds: number): Promise<Lease | undefined>;
  /** Extends by the original duration. precondition_failed/conflict when the lease was lost. */
  renew(lease: Lease): Promise<void>;
  /** Releasing a lease that was already lost is not an error. */
  release(lease: Lease): Promise<void>;
  /**
   * Runs `work` only if this instance gets the lease ({ ran: false } at once otherwise), renewing
   * it while work runs; the signal aborts if the lease is lost, so work stops at its next
   * checkpoint because another instance may already be running it.
   */
  exclusive<R>(name: string, seconds: number, work: (signal: AbortSignal) => Promise<R>): Promise<ExclusiveResult<R>>;
}

export interface LogEntry<T> {
  partition: string;
  id: string;
  at: Date;
  value: T;
}

export interface AppendOptions {
  /** When the entry happened; entries are listed in this order. */
  at: Date;
  /**
   * Idempotency key, unique within the partition. Appending the same id again stores nothing
   * and reports appended: false, so a retried job never writes a second entry.
   */
  id?: string;
}

export interface LogRange extends PageRequest {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** Entries can be added and read, never changed or removed (audit evidence). */
export interface AppendOnlyLog<T> {
  append(partition: string, value: T, options: AppendOptions): Promise<{ id: string; appended: boolean }>;
  list(partition: string, range?: LogRange): Promise<Page<LogEntry<T>>>;
}

export interface ServiceHealth {
  ok: boolean;
  latencyMs: number;
  /** Short, non-personal reason when not ok (e.g. ECONNREFUSED, timeout). */
  error?: string;
}

export interface StorageHealth {
  ok: boolean;
  blob: ServiceHealth;
  queue: ServiceHealth;
  table: ServiceHealth;
}
