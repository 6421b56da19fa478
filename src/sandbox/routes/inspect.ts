import { createHash } from 'node:crypto';
import { presentEvent } from '../calendar.js';
import type { SandboxStore } from '../store.js';
import { itemPath } from '../drive-model.js';

/**
 * Read-only views for people and tests (/_sandbox/...). Not part of Graph; never throttled.
 */
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

export function indexHtml(store: SandboxStore, graphBaseUrl: string): string {
  const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = (mailboxesView(store) as Array<Record<string, unknown>>)
    .map((m) => `<tr><td>${esc(m.alias)}</td><td><a href="/_sandbox/mailboxes/${esc(m.id)}/events">${esc(m.displayName)}</a></td><td>${esc(m.jobTitle)}</td><td>${esc(m.events)}</td></tr>`)
    .join('\n');
  const files = (filesView(store) as Array<Record<string, unknown>>)
    .map((f) => {
      const fields = Object.entries((f.fields ?? {}) as Record<string, unknown>)
        .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
        .join('<br>');
      const label = f.retentionLabel as { name: string; isRecordLocked: boolean } | null;
      const labelText = label ? `${esc(label.name)}${label.isRecordLocked ? ' (locked record)' : ''}` : 'none';
      return `<tr><td><a href="/_sandbox/files/content?path=${encodeURIComponent(String(f.path))}">${esc(f.path)}</a><br><small>${esc(f.size)} bytes, sha256 <code>${esc(f.sha256)}</code></small></td><td><small>${fields || 'none'}</small></td><td>${labelText}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox tenant</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>Sandbox tenant: ${esc(store.org.organisation)}, ${esc(store.org.department)}</h1>
<p>Graph base URL: <code>${esc(graphBaseUrl)}</code>. JSON views: <a href="/_sandbox/mailboxes">mailboxes</a>, <a href="/_sandbox/events?organizerOnly=true">events</a>, <a href="/_sandbox/files">files</a>, <a href="/_sandbox/mail">sent mail</a>, <a href="/_sandbox/installedApps">installed apps</a>, <a href="/_sandbox/stats">stats</a>, <a href="/_sandbox/config">config</a>.</p>
<h2>Stored files</h2>
<table><thead><tr><th>file</th><th>metadata</th><th>retention label</th></tr></thead><tbody>
${files || '<tr><td colspan="3">none yet</td></tr>'}
</tbody></table>
<h2>Mailboxes</h2>
<table><thead><tr><th>alias</th><th>name</th><th>job title</th><th>events</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>`;
}
