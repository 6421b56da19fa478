import type { Event, User } from '@microsoft/microsoft-graph-types';
import type { DemoOrg } from './demo-org.js';

/** An event in one mailbox. Times are kept as UTC instants; presentation happens per request. */
export interface StoredEvent {
  id: string;
  mailbox: string;
  data: Event;
  startMs: number;
  endMs: number;
  /** Store-wide change sequence of the last change; drives delta. */
  seq: number;
  version: number;
  transactionId?: string;
}

export interface Tombstone {
  id: string;
  mailbox: string;
  seq: number;
}

export interface StoredDriveItem {
  id: string;
  driveId: string;
  parentId: string | null;
  name: string;
  folder: boolean;
  size: number;
  createdMs: number;
  modifiedMs: number;
  version: number;
  mimeType?: string;
  listItemId: string;
  fields: Record<string, unknown>;
  retentionLabel?: { name: string; appliedMs: number; record: boolean; isRecordLocked: boolean };
}

/**
 * A document library of the supervision site: its list (list-list.md, template documentLibrary),
 * the list's columns (columnDefinition, list-list-columns.md) and its drive (drive-get.md).
 */
export interface StoredLibrary {
  listId: string;
  driveId: string;
  /** As people see it (list displayName, drive name); unique in the site, whatever the case. */
  displayName: string;
  /** Its address in the site ('Shared Documents' for 'Documents'): list name, in webUrl. */
  urlName: string;
  rootItemId: string;
  createdMs: number;
  /** The site's default document library, GET /sites/{id}/drive. */
  isDefault: boolean;
  columns: Array<Record<string, unknown> & { id: string; name: string }>;
}

export interface UploadSession {
  id: string;
  driveId: string;
  parentId: string;
  name: string;
  conflictBehavior: 'fail' | 'replace' | 'rename';
  total: number | null;
  received: number;
  expiresMs: number;
  deferCommit: boolean;
  /** Accumulated bytes, base64 so the session survives a persisted restart. */
  data: string;
}

export interface SentMail {
  id: string;
  from: string;
  sentDateTime: string;
  saveToSentItems: boolean;
  message: Record<string, unknown>;
}

/**
 * A change-notification subscription on one mailbox's events (delivery: subscriptions.ts). Kept
 * in memory only: a restarted sandbox has no subscriptions, as with a lapsed one in Graph, so the
 * app must re-create them.
 */
export interface SandboxSubscription {
  id: string;
  resource: string;
  mailbox: string;
  changeTypes: string[];
  notificationUrl: string;
  clientState?: string;
  expirationMs: number;
  /** Store sequence already notified. */
  cursor: number;
  /** Where lifecycle notifications go (change-notifications-lifecycle-events.md); fixed at creation. */
  lifecycleNotificationUrl?: string;
  /** reauthorizationRequired was sent: deliveries pause (changes meanwhile are lost) until renewed or reauthorized. */
  reauthorizationRequired?: boolean;
  /** The next batch of changes is not delivered; a `missed` lifecycle notification goes instead. */
  missNext?: boolean;
}

export interface AppInstallation {
  id: string;
  userId: string;
  teamsAppId: string;
  createdMs: number;
}

export interface StoreSnapshot {
  format: 'supervision-sandbox-tenant';
  version: 1;
  orgNow: string;
  seq: number;
  users: User[];
  managers: Record<string, string>;
  events: StoredEvent[];
  tombstones: Tombstone[];
  items: StoredDriveItem[];
  contents: Record<string, string>;
  uploads: UploadSession[];
  mails: SentMail[];
  installs: AppInstallation[];
  /** Delta rounds' highest generation by chain (absent in files saved before delta tokens expired). */
  deltaChains?: Record<string, number>;
  deltaEpoch?: number;
  /** Mailboxes whose calendar offers no online meeting provider (absent in older files). */
  teamsOff?: string[];
  /** The site's document libraries (absent in files saved when the site had one: seeded again). */
  libraries?: StoredLibrary[];
}

/**
 * All sandbox state, with the indexes the routes need. Plain data only, so it serialises to one
 * JSON file for `persistPath`.
 */
export class SandboxStore {
  readonly org: DemoOrg;
  seq = 0;
  users = new Map<string, User>();
  /** lower-cased mail/UPN -> id */
  userKeys = new Map<string, string>();
  /** user id -> manager id */
  managers = new Map<string, string>();
  mailboxes = new Map<string, Map<string, StoredEvent>>();
  eventMailbox = new Map<string, string>();
  /** `${mailbox}|${transactionId}` -> event id */
  transactions = new Map<string, string>();
  /** iCalUId -> event ids in every mailbox */
  icalIndex = new Map<string, Set<string>>();
  tombstones = new Map<string, Tombstone[]>();
  items = new Map<string, StoredDriveItem>();
  /** The supervision site's document libraries by list id (src/sandbox/library-model.ts). */
  libraries = new Map<string, StoredLibrary>();
  contents = new Map<string, Buffer>();
  uploads = new Map<string, UploadSession>();
  mails: SentMail[] = [];
  installs = new Map<string, AppInstallation>();
  /** Change-notification subscriptions (not persisted: see SandboxSubscription). */
  subscriptions = new Map<string, SandboxSubscription>();
  /**
   * Outlook keeps a bounded cache of delta sync states (delta-query-overview.md "Token duration"):
   * per round of delta calls (a chain begun by an initial request), the newest generation issued.
   */
  deltaChains = new Map<string, number>();
  /** Raised to expire every delta token issued before (the sandbox's "expire every token" switch). */
  deltaEpoch = 0;
  /** Mailboxes (user ids) whose calendar allows no online meeting provider: no Teams links. */
  teamsOff = new Set<string>();
  private listeners: Array<() => void> = [];

  constructor(org: DemoOrg) {
    this.org = org;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const l of this.listeners) l();
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  addUser(user: User, managerId?: string): void {
    if (!user.id) throw new Error('user without id');
    this.users.set(user.id, user);
    if (user.mail) this.userKeys.set(user.mail.toLowerCase(), user.id);
    if (user.userPrincipalName) this.userKeys.set(user.userPrincipalName.toLowerCase(), user.id);
    if (managerId) this.managers.set(user.id, managerId);
  }

  /** By object id or userPrincipalName/mail, case-insensitively, as Graph resolves /users/{key}. */
  findUser(key: string): User | undefined {
    const k = key.trim().toLowerCase();
    const byId = this.users.get(k);
    if (byId) return byId;
    const id = this.userKeys.get(k);
    return id ? this.users.get(id) : undefined;
  }

  mailbox(userId: string): Map<string, StoredEvent> {
    let m = this.mailboxes.get(userId);
    if (!m) {
      m = new Map();
      this.mailboxes.set(userId, m);
    }
    return m;
  }

  getEvent(id: string): StoredEvent | undefined {
    const mb = this.eventMailbox.get(id);
    return mb ? this.mailboxes.get(mb)?.get(id) : undefined;
  }

  putEvent(ev: StoredEvent): void {
    this.mailbox(ev.mailbox).set(ev.id, ev);
    this.eventMailbox.set(ev.id, ev.mailbox);
    if (ev.transactionId) this.transactions.set(`${ev.mailbox}|${ev.transactionId}`, ev.id);
    const ical = ev.data.iCalUId;
    if (ical) {
      let set = this.icalIndex.get(ical);
      if (!set) {
        set = new Set();
        this.icalIndex.set(ical, set);
      }
      set.add(ev.id);
    }
  }

  removeEvent(ev: StoredEvent): void {
    this.mailboxes.get(ev.mailbox)?.delete(ev.id);
    this.eventMailbox.delete(ev.id);
    if (ev.transactionId) this.transactions.delete(`${ev.mailbox}|${ev.transactionId}`);
    if (ev.data.iCalUId) this.icalIndex.get(ev.data.iCalUId)?.delete(ev.id);
    const list = this.tombstones.get(ev.mailbox) ?? [];
    list.push({ id: ev.id, mailbox: ev.mailbox, seq: this.nextSeq() });
    this.tombstones.set(ev.mailbox, list);
  }

  /** The library whose list has this id. */
  libraryOfList(listId: string): StoredLibrary | undefined {
    return this.libraries.get(listId);
  }

  /** The library whose drive has this id. */
  libraryOfDrive(driveId: string): StoredLibrary | undefined {
    for (const l of this.libraries.values()) if (l.driveId === driveId) return l;
    return undefined;
  }

  /** Other copies of the same meeting (organizer's and attendees'), found by iCalUId. */
  copiesOf(ev: StoredEvent): StoredEvent[] {
    const ids = ev.data.iCalUId ? this.icalIndex.get(ev.data.iCalUId) : undefined;
    if (!ids) return [];
    const out: StoredEvent[] = [];
    for (const id of ids) {
      if (id === ev.id) continue;
      const other = this.getEvent(id);
      if (other) out.push(other);
    }
    return out;
  }

  snapshot(): StoreSnapshot {
    const events: StoredEvent[] = [];
    for (const mb of this.mailboxes.values()) for (const ev of mb.values()) events.push(ev);
    const contents: Record<string, string> = {};
    for (const [k, v] of this.contents) contents[k] = v.toString('base64');
    return {
      format: 'supervision-sandbox-tenant',
      version: 1,
      orgNow: this.org.now,
      seq: this.seq,
      users: [...this.users.values()],
      managers: Object.fromEntries(this.managers),
      events,
      tombstones: [...this.tombstones.values()].flat(),
      items: [...this.items.values()],
      contents,
      uploads: [...this.uploads.values()],
      mails: this.mails,
      installs: [...this.installs.values()],
      deltaChains: Object.fromEntries(this.deltaChains),
      deltaEpoch: this.deltaEpoch,
      teamsOff: [...this.teamsOff],
      libraries: [...this.libraries.values()],
    };
  }

  static fromSnapshot(org: DemoOrg, snap: StoreSnapshot): SandboxStore {
    if (snap.format !== 'supervision-sandbox-tenant' || snap.version !== 1) throw new Error('unrecognised sandbox state file');
    const s = new SandboxStore(org);
    s.seq = snap.seq;
    for (const u of snap.users) s.addUser(u, u.id ? snap.managers[u.id] : undefined);
    for (const ev of snap.events) s.putEvent(ev);
    for (const t of snap.tombstones) {
      const list = s.tombstones.get(t.mailbox) ?? [];
      list.push(t);
      s.tombstones.set(t.mailbox, list);
    }
    for (const it of snap.items) s.items.set(it.id, it);
    for (const [k, v] of Object.entries(snap.contents)) s.contents.set(k, Buffer.from(v, 'base64'));
    for (const u of snap.uploads) s.uploads.set(u.id, u);
    s.mails = snap.mails;
    for (const i of snap.installs) s.installs.set(i.id, i);
    for (const [chain, generation] of Object.entries(snap.deltaChains ?? {})) s.deltaChains.set(chain, generation);
    s.deltaEpoch = snap.deltaEpoch ?? 0;
    for (const m of snap.teamsOff ?? []) s.teamsOff.add(m);
    for (const l of snap.libraries ?? []) s.libraries.set(l.listId, l);
    return s;
  }
}
