import { createHash } from 'node:crypto';
import { presentEvent } from '../calendar.js';
import type { SandboxStore } from '../store.js';
import { itemPath } from '../drive-model.js';

/** Read-only JSON views of the tenant for people and tests (/_sandbox/...). Not Graph. */
export function mailboxesView(store: SandboxStore): unknown[] {
  return [...store.users.values()].map((u) => {
    const person = store.org.people.find((p) => p.id === u.id);
    const events = [...store.mailbox(u.id as string).values()];
    return {
      id: u.id,
      alias: person?.alias ?? null,
      displayName: u.displayName,
      mail: u.mail,
      jobTitle: u.jobTitle,
      events: events.length,
      cancelledEvents: events.filter((e) => e.data.isCancelled).length,
    };
  });
}

export function mailboxEventsView(store: SandboxStore, userId: string, zone: string | undefined): unknown[] {
  return [...store.mailbox(userId).values()]
    .sort((a, b) => a.startMs - b.startMs)
    .map((ev) => {
      const p = presentEvent(ev, zone ?? 'Europe/London');
      return {
        id: ev.id,
        subject: p.subject,
        start: p.start,
        end: p.end,
        startUtc: new Date(ev.startMs).toISOString(),
        endUtc: new Date(ev.endMs).toISOString(),
        showAs: p.showAs,
        isCancelled: p.isCancelled,
        isOrganizer: p.isOrganizer,
        organizer: p.organizer?.emailAddress?.address,
        attendees: (p.attendees ?? []).map((a) => ({ address: a.emailAddress?.address, response: a.status?.response })),
        responseStatus: p.responseStatus?.response,
        transactionId: ev.transactionId ?? null,
        iCalUId: p.iCalUId,
        joinUrl: p.onlineMeeting?.joinUrl ?? null,
        categories: p.categories,
      };
    });
}

/**
 * Every event in one compact list, for benchmarks and tests that count created, duplicated or
 * missing events. Filters: `organizerOnly=true`, `transactionIdPrefix=…`, `mailbox=…`, `category=…`.
 */
export function eventsView(store: SandboxStore, q: URLSearchParams): unknown[] {
  const organizerOnly = q.get('organizerOnly') === 'true';
  const prefix = q.get('transactionIdPrefix');
  const mailboxKey = q.get('mailbox');
  const mailbox = mailboxKey ? (store.findUser(mailboxKey)?.id ?? store.org.people.find((p) => p.alias === mailboxKey)?.id ?? mailboxKey) : undefined;
  const category = q.get('category');
  const out: unknown[] = [];
  for (const [mb, events] of store.mailboxes) {
    if (mailbox && mb !== mailbox) continue;
    for (const ev of events.values()) {
      if (organizerOnly && !ev.data.isOrganizer) continue;
      if (prefix !== null && !(ev.transactionId ?? '').startsWith(prefix)) continue;
      if (category && !(ev.data.categories ?? []).includes(category)) continue;
      out.push({
        mailbox: mb,
        id: ev.id,
        iCalUId: ev.data.iCalUId,
        transactionId: ev.transactionId ?? null,
        subject: ev.data.subject,
        startUtc: new Date(ev.startMs).toISOString(),
        endUtc: new Date(ev.endMs).toISOString(),
        isOrganizer: ev.data.isOrganizer,
        isCancelled: ev.data.isCancelled,
        attendees: (ev.data.attendees ?? []).map((a) => a.emailAddress?.address),
      });
    }
  }
  return out;
}

export function filesView(store: SandboxStore): unknown[] {
  return [...store.items.values()]
    .filter((i) => !i.folder)
    .map((i) => ({
      id: i.id,
      driveId: i.driveId,
      library: store.libraryOfDrive(i.driveId)?.displayName ?? null,
      path: itemPath(store, i),
      name: i.name,
      size: i.size,
      mimeType: i.mimeType ?? null,
      lastModifiedDateTime: new Date(i.modifiedMs).toISOString(),
      version: i.version,
      /** Lower-case hex, to compare with a record's signed hash without downloading. */
      sha256: createHash('sha256').update(store.contents.get(i.id) ?? Buffer.alloc(0)).digest('hex'),
      listItemId: i.listItemId,
      fields: i.fields,
      retentionLabel: i.retentionLabel ? { name: i.retentionLabel.name, isRecordLocked: i.retentionLabel.isRecordLocked } : null,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
