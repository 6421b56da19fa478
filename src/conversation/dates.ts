/**
 * How dates and times read on cards and in chat (en-GB, Europe/London wall clock), in one place so
 * every message says them the same way.
 */
const dateLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const slotLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const instantLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** A local date: "Mon, 30 Nov 2026". */
export function humanDate(date: string): string {
  return dateLabel.format(new Date(`${date}T12:00:00Z`));
}

/** A meeting time offered as a choice: "Thu, 24 Dec, 10:00". */
export function slotTime(startUtc: string): string {
  return slotLabel.format(new Date(startUtc));
}

/** When something happened: "30 Nov 2026, 11:46". */
export function humanInstant(iso: string): string {
  return instantLabel.format(new Date(iso));
}
