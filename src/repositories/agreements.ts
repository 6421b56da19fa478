/**
 * The agreement aggregate: the agreement, its planned sessions (one partition per agreement, so a
 * year is one read) and the party links (one partition per person). Booking, the agreement flow,
 * records, agendas, escalations and the calendar sync all read and write them through here.
 */
import { ZAgreement, ZAgreementLink, type AgreementLink } from '../domain/agreements/schema.js';
import type { Agreement, PlannedSession } from '../domain/agreements/types.js';
import type { StoreKey, StoredItem, VersionedStore } from '../domain/ports/storage.js';
import { AppError } from '../domain/errors.js';
import { Collection, type Outcome } from './collection.js';
import { agreementYearTable, type AgreementYear, type AgreementYearTable, type YearPart } from './agreement-year.js';
import { agreementWrites, indexedStore, PASS_INDEX_TABLE, PassIndex, sessionWrites, ZPassIndexEntry } from './pass-index.js';
import type { VersionedStorage } from './storage.js';

export const AGREEMENTS_TABLE = 'agreements';
export const LINKS_TABLE = 'agreementparties';
/** Every agreement sits in one partition: they are looked up by id, and listed by the passes. */
export const AGREEMENT_PARTITION = 'agreement';

export const agreementKey = (agreementId: string): StoreKey => ({ partition: AGREEMENT_PARTITION, id: agreementId });
/** Sessions are partitioned by agreement; ids sort in date order (s01, s02, …). */
export const sessionKey = (agreementId: string, sessionId: string): StoreKey => ({ partition: agreementId, id: sessionId });
export const linkKey = (personId: string, agreementId: string): StoreKey => ({ partition: personId, id: agreementId });

export interface AgreementTables {
  readonly agreements: VersionedStore<Agreement>;
  readonly sessions: VersionedStore<PlannedSession>;
  readonly links: VersionedStore<AgreementLink>;
  /**
   * Each agreement's sessions, records and actions in one partition (agreement-year.ts); `sessions`
   * above is its view of the sessions. Absent in a test's hand-built tables, which then cannot
   * answer `year`.
   */
  readonly year?: AgreementYearTable | undefined;
  /**
   * The passes' index (pass-index.ts), kept by the agreement and session tables above. Without one
   * (a test's in-memory tables) the passes read every agreement, as they did before it existed.
   */
  readonly index?: PassIndex | undefined;
}

/** The pass index on this storage (one table; build it once per storage and share it). */
export function passIndexOn(storage: VersionedStorage): PassIndex {
  return new PassIndex(storage.versioned(PASS_INDEX_TABLE, ZPassIndexEntry));
}

export function agreementTables(storage: VersionedStorage, index: PassIndex = passIndexOn(storage), year: AgreementYearTable = agreementYearTable(storage)): AgreementTables {
  return {
    agreements: indexedStore(storage.versioned(AGREEMENTS_TABLE, ZAgreement), index, agreementWrites),
    sessions: indexedStore(year.sessions, index, sessionWrites),
    links: storage.versioned(LINKS_TABLE, ZAgreementLink),
    year,
    index,
  };
}

export interface SessionRef {
  readonly agreementId: string;
  readonly sessionId: string;
}

export class AgreementRepository {
  private readonly agreementRows: Collection<Agreement, string>;
  private readonly sessionRows: Collection<PlannedSession, SessionRef>;
  private readonly linkRows: Collection<AgreementLink, { personId: string; agreementId: string }>;

  /** Undefined on tables without an index: the passes then read every agreement. */
  readonly index: PassIndex | undefined;

  constructor(readonly tables: AgreementTables) {
    this.index = tables.index;
    this.agreementRows = new Collection(tables.agreements, agreementKey, 'I could not find that supervision agreement. It may have been replaced by a newer one.');
    this.sessionRows = new Collection(tables.sessions, (r) => sessionKey(r.agreementId, r.sessionId), 'I could not find that supervision session.');
    this.linkRows = new Collection(tables.links, (r) => linkKey(r.personId, r.agreementId), 'That person is not party to that agreement.');
  }

  get(agreementId: string): Promise<Agreement | undefined> {
    return this.agreementRows.get(agreementId);
  }

  require(agreementId: string): Promise<Agreement> {
    return this.agreementRows.require(agreementId);
  }

  /** Every agreement (the compliance report, the sweep, and the passes on tables without an index). */
  list(): Promise<Agreement[]> {
    return this.agreementRows.list(AGREEMENT_PARTITION);
  }

  /**
   * Builds the pass index from the agreement and session tables the first time a pass needs it
   * (rows written before the index existed): every session's day and meeting entries, the
   * confirmation markers, and a record-card marker for every booked session already over (the
   * pass drops those it finds settled). Afterwards one read per process, then nothing.
   */
  async ensureIndexed(nowIso: string): Promise<PassIndex | undefined> {
    const index = this.index;
    if (!index) return undefined;
    await index.ensureBuilt('agreements', nowIso, async () => {
      for (const agreement of await this.list()) {
        await index.note(agreementWrites(agreement));
        for (const session of await this.sessions(agreement.id)) {
          await index.note(sessionWrites(session));
          if ((session.status === 'booked' || session.status === 'moved') && session.endUtc <= nowIso) await index.mark('card', agreement.id, session.sessionId);
        }
      }
    });
    return index;
  }

  create(agreement: Agreement): Promise<'created' | 'exists'> {
    return this.agreementRows.create(agreement.id, agreement);
  }

  /** Read-change-write of an existing agreement (the one ETag loop, collection.ts). */
  update(agreementId: string, change: (current: Agreement) => Agreement | undefined): Promise<{ value: Agreement; changed: boolean }> {
    return this.agreementRows.update(agreementId, change);
  }

  apply<R>(agreementId: string, change: (current: Agreement | undefined) => Outcome<Agreement, R>): Promise<R> {
    return this.agreementRows.apply(agreementId, change);
  }

  // Party links

  /**
   * Records that the person is party to the agreement. Create-only: a link never changes once
   * written, so a repeat (a replayed card, a repair after a crash) writes nothing (issue 16).
   */
  async link(personId: string, link: AgreementLink): Promise<void> {
    await this.linkRows.create({ personId, agreementId: link.agreementId }, link);
  }

  linksOf(personId: string): Promise<AgreementLink[]> {
    return this.linkRows.list(personId);
  }

  /**
   * The agreements the person is party to, newest first, through their links (one partition
   * read). A link is only a hint: an agreement is returned only when it names the person as a
   * party. Ended agreements are left out unless asked for.
   */
  async agreementsOf(personId: string, options: { includeEnded?: boolean } = {}): Promise<Agreement[]> {
    const links = await this.linksOf(personId);
    const found = await Promise.all(links.map((l) => this.get(l.agreementId)));
    return found
      .filter((a): a is Agreement => a !== undefined && (a.terms.supervisorId === personId || a.terms.superviseeId === personId))
      .filter((a) => options.includeEnded === true || a.status !== 'ended')
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  // Sessions

  /** The agreement's sessions in date order. */
  sessions(agreementId: string): Promise<PlannedSession[]> {
    return this.sessionRows.list(agreementId);
  }

  /**
   * The agreement's sessions, their records and its tracked actions in one read (agreement-year.ts):
   * for answers about a whole year, such as "my team" and the compliance report. With `parts`, only
   * those are fetched (a record can be long) and the others come back empty.
   */
  year(agreementId: string, parts?: readonly YearPart[]): Promise<AgreementYear> {
    return this.yearTable().read(agreementId, parts);
  }

  /** Moves every agreement's year from the tables of earlier versions, once per deployment (the agreement-years job). */
  async moveYears(signal?: AbortSignal): Promise<{ moved: number; mark: 'marked' | 'already' | 'stopped' }> {
    const year = this.yearTable();
    return year.moveAll((await year.everyAgreementMovedMark()) ? [] : (await this.list()).map((a) => a.id), signal);
  }

  private yearTable(): AgreementYearTable {
    if (!this.tables.year) throw new AppError('internal', 'these agreement tables keep no agreement year');
    return this.tables.year;
  }

  /** The same with their storage keys (the booking job deletes rows of an incomplete plan). */
  sessionItems(agreementId: string): Promise<StoredItem<PlannedSession>[]> {
    return this.sessionRows.items(agreementId);
  }

  session(agreementId: string, sessionId: string): Promise<PlannedSession | undefined> {
    return this.sessionRows.get({ agreementId, sessionId });
  }

  requireSession(agreementId: string, sessionId: string): Promise<PlannedSession> {
    return this.sessionRows.require({ agreementId, sessionId });
  }

  /** Create-only: 'exists' when a concurrent or earlier run wrote the same planned session. */
  createSession(session: PlannedSession): Promise<'created' | 'exists'> {
    return this.sessionRows.create({ agreementId: session.agreementId, sessionId: session.sessionId }, session);
  }

  deleteSession(agreementId: string, sessionId: string): Promise<void> {
    return this.sessionRows.delete({ agreementId, sessionId });
  }

  updateSession(agreementId: string, sessionId: string, change: (current: PlannedSession) => PlannedSession | undefined): Promise<{ value: PlannedSession; changed: boolean }> {
    return this.sessionRows.update({ agreementId, sessionId }, change);
  }

  applySession<R>(agreementId: string, sessionId: string, change: (current: PlannedSession | undefined) => Outcome<PlannedSession, R>): Promise<R> {
    return this.sessionRows.apply({ agreementId, sessionId }, change);
  }
}
