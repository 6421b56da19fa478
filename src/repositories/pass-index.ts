/**
 * The index the periodic passes read instead of listing every agreement (issue 16 item 5): the
 * record-card pass, the preparation pass, the confirmation backstop, the filing backstop and the
 * meeting-end lookup each used to read every agreement (and most of them every agreement's
 * sessions or records) on every run.
 *
 * What it holds, one table, one partition per question a pass asks:
 * - `day-YYYY-MM-DD`: every time a session has been given on that London day (row
 *   `agreement|session|startUtc`), with flags a pass sets once that occurrence needs nothing more
 *   from it (its record card settled, its preparation card sent);
 * - `meeting-xx`: the session behind each Teams join URL (row: the URL's SHA-256; `xx`, its first
 *   two hex digits, spreads the one list that grows with every session ever booked over 256
 *   partitions, each a storage partition's share of the load; a lookup is still one point read);
 * - `confirmation`: agreements booked whose confirmation has not reached both people;
 * - `final`: records final and not yet filed;
 * - `card`: record cards owed for longer than the record-card pass looks back (the supervisor
 *   could not be reached);
 * - `milestones-YYYY-MM-DD`: every time a review or milestone (issue 14) has been given on that
 *   London day, for the milestone-card pass, with the flag it sets once that card needs nothing more;
 * - `milestone-card`: milestone cards owed for longer than that pass looks back;
 * - `meta`: whether the index was built from the tables, and the card passes' cursors.
 *
 * How it stays right after a crash: the index is written by the tables themselves
 * (`indexedStore`), before the row it describes, so whatever is stored is always covered (a crash
 * between the two leaves an entry too many, never one too few). Passes treat every entry as a hint:
 * they read the row it points at and act on that. Day and meeting entries are never deleted (an
 * entry for a time the session no longer has costs one read while its day is in a pass's window);
 * the to-do markers are deleted by the passes only when the row they point at has reached a state
 * it never leaves (a record filed, a confirmation delivered to both, an agreement ended), so a
 * marker written by a concurrent writer is never lost. An index that is missing, or from an older
 * version, is built from the tables once (`ensureBuilt`) while writers keep it current.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { confirmationGivenUp } from '../domain/agreements/confirmation.js';
import type { Agreement, PlannedSession } from '../domain/agreements/types.js';
import type { PlannedMilestone } from '../domain/milestones/types.js';
import { isAppError } from '../domain/errors.js';
import type { StoreKey, StoredItem, VersionedStore } from '../domain/ports/storage.js';
import type { SessionRecord } from '../domain/records/schema.js';
import { partitionItems } from './collection.js';

export const PASS_INDEX_TABLE = 'passindex';
/**
 * Bumped when what the index holds changes, so every deployment builds it again from the tables.
 * 2: meeting entries in `meeting-xx` partitions instead of one `meeting` partition.
 */
export const PASS_INDEX_VERSION = 2;

const id = z.string().min(1).max(300);
const instant = z.string().min(1).max(40);

export const ZSessionEntry = z.strictObject({
  kind: z.literal('session'),
  agreementId: id,
  sessionId: id,
  startUtc: instant,
  endUtc: instant,
  /** The record card of this occurrence went out, or is not owed (a pass found it so). */
  cardSettled: z.boolean().optional(),
  /** This occurrence's preparation card went out. */
  preparationSettled: z.boolean().optional(),
});
export type SessionEntry = z.infer<typeof ZSessionEntry>;

/** A review or milestone's time on a day (issue 14): the milestone-card pass reads these, not every agreement. */
export const ZMilestoneEntry = z.strictObject({
  kind: z.literal('milestone'),
  agreementId: id,
  milestoneId: id,
  startUtc: instant,
  endUtc: instant,
  /** The record card of this occurrence went out, or is not owed (a pass found it so). */
  cardSettled: z.boolean().optional(),
});
export type MilestoneEntry = z.infer<typeof ZMilestoneEntry>;

const ZMeetingEntry = z.strictObject({ kind: z.literal('meeting'), agreementId: id, sessionId: id });
const ZMarker = z.strictObject({ kind: z.literal('marker'), agreementId: id, sessionId: id.optional() });
export type Marker = z.infer<typeof ZMarker>;
const ZBuilt = z.strictObject({ kind: z.literal('built'), version: z.number().int(), at: instant });
const ZCursor = z.strictObject({ kind: z.literal('cursor'), through: z.string().min(10).max(10) });

export const ZPassIndexEntry = z.discriminatedUnion('kind', [ZSessionEntry, ZMilestoneEntry, ZMeetingEntry, ZMarker, ZBuilt, ZCursor]);
export type PassIndexEntry = z.infer<typeof ZPassIndexEntry>;

/** The to-do lists a pass works through. */
export type MarkerList = 'confirmation' | 'final' | 'card' | 'milestone-card';
/** The tables built from a full read when the index is new. */
export type IndexedPart = 'agreements' | 'records' | 'milestones';

export const dayPartition = (date: string): string => `day-${date}`;
export const milestoneDayPartition = (date: string): string => `milestones-${date}`;
export function meetingKey(joinUrl: string): StoreKey {
  const hash = createHash('sha256').update(joinUrl).digest('hex');
  return { partition: `meeting-${hash.slice(0, 2)}`, id: hash };
}
const markerKey = (list: MarkerList, agreementId: string, sessionId?: string): StoreKey => ({ partition: list, id: sessionId === undefined ? agreementId : `${agreementId}|${sessionId}` });
const metaKey = (name: string): StoreKey => ({ partition: 'meta', id: name });

/** One index row to write before a table row: its key, its value, and whether it can change later. */
export interface IndexWrite {
  readonly key: StoreKey;
  readonly value: PassIndexEntry;
  /** Day and meeting entries are written once and never deleted, so a writer need not repeat them. */
  readonly once: boolean;
}

export function sessionWrites(s: PlannedSession): IndexWrite[] {
  const writes: IndexWrite[] = [{
    key: { partition: dayPartition(s.date), id: `${s.agreementId}|${s.sessionId}|${s.startUtc}` },
    value: { kind: 'session', agreementId: s.agreementId, sessionId: s.sessionId, startUtc: s.startUtc, endUtc: s.endUtc },
    once: true,
  }];
  if (s.joinUrl) writes.push({ key: meetingKey(s.joinUrl), value: { kind: 'meeting', agreementId: s.agreementId, sessionId: s.sessionId }, once: true });
  return writes;
}

/** A milestone's day entry: written once per time it is given, never deleted (as a session's). */
export function milestoneWrites(m: PlannedMilestone): IndexWrite[] {
  return [{
    key: { partition: milestoneDayPartition(m.date), id: `${m.agreementId}|${m.milestoneId}|${m.startUtc}` },
    value: { kind: 'milestone', agreementId: m.agreementId, milestoneId: m.milestoneId, startUtc: m.startUtc, endUtc: m.endUtc },
    once: true,
  }];
}

/** Booked, and the confirmation has not reached both people (older rows' confirmationSentAt counts as both). */
export function awaitsConfirmation(a: Agreement): boolean {
  if (a.status !== 'booked' || a.confirmationSentAt) return false;
  const delivered = a.confirmation?.deliveredTo;
  return !(delivered?.supervisor && delivered.supervisee);
}

/**
 * States the confirmation marker is never needed in again: delivered to both, the agreement ended,
 * or everyone it has not reached tried as often as it will be (domain/agreements/confirmation.ts).
 */
export function confirmationSettled(a: Agreement): boolean {
  if (a.status === 'ended') return true;
  if (a.status !== 'booked') return false;
  if (!awaitsConfirmation(a)) return true;
  const c = a.confirmation;
  return c !== undefined && (['supervisor', 'supervisee'] as const).every((party) => c.deliveredTo[party] !== undefined || confirmationGivenUp(c, party));
}

export function agreementWrites(a: Agreement): IndexWrite[] {
  return awaitsConfirmation(a) ? [{ key: markerKey('confirmation', a.id), value: { kind: 'marker', agreementId: a.id }, once: false }] : [];
}

export function recordWrites(r: SessionRecord): IndexWrite[] {
  return r.status === 'final' ? [{ key: markerKey('final', r.agreementId, r.sessionId), value: { kind: 'marker', agreementId: r.agreementId, sessionId: r.sessionId }, once: false }] : [];
}

/** Writes of entries already made by this process that need not be repeated are skipped; bounded. */
const REMEMBERED = 50_000;

function ignoreRace(error: unknown): void {
  if (isAppError(error) && (error.code === 'precondition_failed' || error.code === 'not_found')) return;
  throw error;
}

export class PassIndex {
  private readonly written = new Set<string>();
  private readonly built = new Set<IndexedPart>();

  constructor(readonly store: VersionedStore<PassIndexEntry>) {}

  /** Writes the entries a table row needs, before the row itself is written. */
  async note(writes: readonly IndexWrite[]): Promise<void> {
    for (const w of writes) {
      const remembered = `${w.key.partition}/${w.key.id}/${JSON.stringify(w.value)}`;
      if (w.once && this.written.has(remembered)) continue;
      await this.store.upsert(w.key, w.value);
      if (!w.once) continue;
      if (this.written.size >= REMEMBERED) this.written.clear();
      this.written.add(remembered);
    }
  }

  // ── Building from the tables ──────────────────────────────────────────────────────────────

  /**
   * Runs `build` (a full read of the tables, noting every row) unless this part of the index was
   * built already by this version. Writers note their rows meanwhile, so nothing written during
   * the build is missed; a crash before the end leaves it unbuilt, and the next pass builds again.
   */
  async ensureBuilt(part: IndexedPart, nowIso: string, build: () => Promise<void>): Promise<void> {
    if (this.built.has(part)) return;
    const stored = (await this.store.get(metaKey(`built-${part}`)))?.value;
    if (stored?.kind !== 'built' || stored.version !== PASS_INDEX_VERSION) {
      await build();
      await this.store.upsert(metaKey(`built-${part}`), { kind: 'built', version: PASS_INDEX_VERSION, at: nowIso });
    }
    this.built.add(part);
  }

  // ── Sessions by day ──────────────────────────────────────────────────────────────────────

  /** Every time a session has had on this London day (some no longer current: check the session). */
  async sessionsOn(date: string): Promise<StoredItem<SessionEntry>[]> {
    const items = await this.all(dayPartition(date));
    return items.filter((i): i is StoredItem<SessionEntry> => i.value.kind === 'session');
  }

  /**
   * Marks an occurrence as needing nothing more of a pass. Conditional on the version read: a
   * writer that wrote the entry again meanwhile wins, and the next pass looks once more.
   */
  async settle(item: StoredItem<SessionEntry>, flag: 'cardSettled' | 'preparationSettled'): Promise<void> {
    if (item.value[flag]) return;
    await this.store.replace(item.key, { ...item.value, [flag]: true }, item.etag).catch(ignoreRace);
  }

  // ── Milestones by day ────────────────────────────────────────────────────────────────────

  /** Every time a review or milestone has had on this London day (some no longer current: check the row). */
  async milestonesOn(date: string): Promise<StoredItem<MilestoneEntry>[]> {
    const items = await this.all(milestoneDayPartition(date));
    return items.filter((i): i is StoredItem<MilestoneEntry> => i.value.kind === 'milestone');
  }

  /** As settle(), for a milestone's card. */
  async settleMilestone(item: StoredItem<MilestoneEntry>): Promise<void> {
    if (item.value.cardSettled) return;
    await this.store.replace(item.key, { ...item.value, cardSettled: true }, item.etag).catch(ignoreRace);
  }

  // ── Meetings by join URL ─────────────────────────────────────────────────────────────────

  async meeting(joinUrl: string): Promise<{ agreementId: string; sessionId: string } | undefined> {
    const found = (await this.store.get(meetingKey(joinUrl)))?.value;
    return found?.kind === 'meeting' ? { agreementId: found.agreementId, sessionId: found.sessionId } : undefined;
  }

  // ── To-do markers ────────────────────────────────────────────────────────────────────────

  async markers(list: MarkerList): Promise<StoredItem<Marker>[]> {
    const items = await this.all(list);
    return items.filter((i): i is StoredItem<Marker> => i.value.kind === 'marker');
  }

  async mark(list: MarkerList, agreementId: string, sessionId?: string): Promise<void> {
    await this.store.upsert(markerKey(list, agreementId, sessionId), { kind: 'marker', agreementId, ...(sessionId === undefined ? {} : { sessionId }) });
  }

  /** Deletes a marker as it was read; one written again since stays. Only for rows in a state they never leave. */
  async forget(item: StoredItem<Marker>): Promise<void> {
    await this.store.delete(item.key, item.etag).catch(ignoreRace);
  }

  // ── The record-card pass's cursor ────────────────────────────────────────────────────────

  /** The last London day whose owed record cards the pass has carried into the `card` list. */
  async cursor(name: string): Promise<string | undefined> {
    const found = (await this.store.get(metaKey(`cursor-${name}`)))?.value;
    return found?.kind === 'cursor' ? found.through : undefined;
  }

  async setCursor(name: string, through: string): Promise<void> {
    await this.store.upsert(metaKey(`cursor-${name}`), { kind: 'cursor', through });
  }

  private all(partition: string): Promise<StoredItem<PassIndexEntry>[]> {
    return partitionItems(this.store, partition);
  }

}

/**
 * A table whose every write first notes the index entries the written row needs. The repositories'
 * tables (agreementTables, recordTables, tables.ts) are built this way, so whoever writes a row —
 * a use case, a job, a tool or a test seeding storage — keeps the index whole.
 */
export function indexedStore<T>(inner: VersionedStore<T>, index: PassIndex, writesOf: (value: T) => IndexWrite[]): VersionedStore<T> {
  return {
    get: (key) => inner.get(key),
    list: (partition, page) => inner.list(partition, page),
    delete: (key, ifMatch) => inner.delete(key, ifMatch),
    async create(key, value) {
      await index.note(writesOf(value));
      return inner.create(key, value);
    },
    async replace(key, value, ifMatch) {
      await index.note(writesOf(value));
      return inner.replace(key, value, ifMatch);
    },
    async upsert(key, value) {
      await index.note(writesOf(value));
      return inner.upsert(key, value);
    },
  };
}
