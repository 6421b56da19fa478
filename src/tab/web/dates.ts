/**
 * Dates and times as people in the UK read them ("Thursday 31 December 2026", "10:30"), in
 * Europe/London whatever the device's own zone.
 */
const ZONE = 'Europe/London';

function parts(date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, ...options }).formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** A local date (YYYY-MM-DD) read as the day it names. */
function dayOf(localDate: string): Date {
  return new Date(`${localDate}T12:00:00Z`);
}

/** "Thursday 31 December 2026". */
export function longDate(localDate: string): string {
  const p = parts(dayOf(localDate), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return `${p['weekday']} ${p['day']} ${p['month']} ${p['year']}`;
}

/** "Thu 31 Dec 2026". */
export function shortDate(localDate: string): string {
  const p = parts(dayOf(localDate), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${p['weekday']} ${p['day']} ${p['month']} ${p['year']}`;
}

/** "10:30" in London time. */
export function time(instant: string): string {
  const p = parts(new Date(instant), { hour: '2-digit', minute: '2-digit', hour12: false });
  return `${p['hour']}:${p['minute']}`;
}

/** "Thursday 31 December 2026 at 10:30". */
export function dateAndTime(instant: string): string {
  const p = parts(new Date(instant), { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${longDate(`${p['year']}-${p['month']}-${p['day']}`)} at ${time(instant)}`;
}

/** "December 2026" for a month (YYYY-MM). */
export function monthName(month: string): string {
  const p = parts(dayOf(`${month}-15`), { month: 'long', year: 'numeric' });
  return `${p['month']} ${p['year']}`;
}

/** "Dec" for a month (YYYY-MM). */
export function shortMonth(month: string): string {
  return parts(dayOf(`${month}-15`), { month: 'short' })['month'] ?? month;
}
