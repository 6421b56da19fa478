import type { Directory, Person } from '../../domain/people/person.js';

export interface DirectoryCacheOptions {
  /** How long an answer is reused. */
  readonly ttlMs: number;
  /** Monotonic milliseconds (tests move it). */
  readonly nowMs?: () => number;
  /** At most this many answers are kept; the oldest go first. */
  readonly maxEntries?: number;
}

/**
 * The directory with each answer reused for a short time (issue 16 item 4). A turn asked Graph for
 * the same people again and again — the compliance report walked every supervisee's manager chain
 * at every question, a person's name or reports were read at every turn — though the directory
 * changes a few times a year per person and Entra itself takes minutes to show a change. An
 * answer (a person, not found, a manager, the reports) is reused for `ttlMs`; questions asked at
 * the same time share one request; a failure is never kept, so the next call asks again. The
 * health check (`ping`) always asks.
 */
export class CachedDirectory implements Directory {
  private readonly answers = new Map<string, { readonly atMs: number; readonly value: Promise<unknown> }>();
  private readonly nowMs: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly inner: Directory,
    private readonly options: DirectoryCacheOptions,
  ) {
    this.nowMs = options.nowMs ?? (() => performance.now());
    this.maxEntries = options.maxEntries ?? 50_000;
  }

  private cached<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const now = this.nowMs();
    const hit = this.answers.get(key);
    if (hit && now - hit.atMs < this.options.ttlMs) return hit.value as Promise<T>;
    const value = ask();
    // Re-inserted so the map stays in the order answers were asked: the first entries are the oldest.
    this.answers.delete(key);
    this.answers.set(key, { atMs: now, value });
    value.catch(() => {
      if (this.answers.get(key)?.value === value) this.answers.delete(key);
    });
    while (this.answers.size > this.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
    return value;
  }

  getPerson(id: string): Promise<Person | undefined> {
    return this.cached(`person:${id}`, () => this.inner.getPerson(id));
  }

  getManager(id: string): Promise<Person | undefined> {
    return this.cached(`manager:${id}`, () => this.inner.getManager(id));
  }

  getDirectReports(id: string): Promise<readonly Person[]> {
    return this.cached(`reports:${id}`, () => this.inner.getDirectReports(id));
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }
}
