import type { SandboxStore } from '../store.js';
import { filesView, mailboxesView } from './views.js';

/** The inspector's front page: stored files with their metadata and label, then every mailbox. */
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
      return `<tr><td><a href="/_sandbox/files/content?path=${encodeURIComponent(String(f.path))}&amp;library=${encodeURIComponent(String(f.library))}">${esc(f.library)}${esc(f.path)}</a><br><small>${esc(f.size)} bytes, sha256 <code>${esc(f.sha256)}</code></small></td><td><small>${fields || 'none'}</small></td><td>${labelText}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox tenant</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>
</head><body>
<h1>Sandbox tenant: ${esc(store.org.organisation)}, ${esc(store.org.department)}</h1>
<p>Graph base URL: <code>${esc(graphBaseUrl)}</code>. JSON views: <a href="/_sandbox/mailboxes">mailboxes</a>, <a href="/_sandbox/events?organizerOnly=true">events</a>, <a href="/_sandbox/files">files</a>, <a href="/_sandbox/libraries">libraries</a>, <a href="/_sandbox/mail">sent mail</a>, <a href="/_sandbox/installedApps">installed apps</a>, <a href="/_sandbox/stats">stats</a>, <a href="/_sandbox/config">config</a>.</p>
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
