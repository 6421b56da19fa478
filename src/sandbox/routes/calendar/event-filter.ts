import { GraphHttpError } from '../../errors.js';
import type { StoredEvent } from '../../store.js';
import { wallToUtc } from '../../time.js';

/**
 * The event filters a calendar client typically sends; anything else is refused rather than
 * silently ignored, so a product never believes a filter it relies on was applied.
 */
export function eventFilter(filter: string | null): (ev: StoredEvent) => boolean {
  if (!filter) return () => true;
  const clauses = filter.split(/\s+and\s+/i).map((c) => c.trim().replace(/^\((.*)\)$/, '$1'));
  const preds = clauses.map((c): ((ev: StoredEvent) => boolean) => {
    let m = /^categories\/any\((\w+):\s*\1\s+eq\s+'((?:[^']|'')*)'\)$/i.exec(c);
    if (m) {
      const v = (m[2] ?? '').replace(/''/g, "'");
      return (ev) => (ev.data.categories ?? []).includes(v);
    }
    m = /^(subject|iCalUId|showAs)\s+eq\s+'((?:[^']|'')*)'$/i.exec(c);
    if (m) {
      const prop = (m[1] ?? '').toLowerCase();
      const v = (m[2] ?? '').replace(/''/g, "'");
      return (ev) => {
        const actual = prop === 'subject' ? ev.data.subject : prop === 'icaluid' ? ev.data.iCalUId : ev.data.showAs;
        return (actual ?? '') === v;
      };
    }
    m = /^(isCancelled|isOrganizer|isAllDay|isOnlineMeeting)\s+eq\s+(true|false)$/i.exec(c);
    if (m) {
      const key = (['isCancelled', 'isOrganizer', 'isAllDay', 'isOnlineMeeting'] as const).find((k) => k.toLowerCase() === m?.[1]?.toLowerCase()) as 'isCancelled';
      const v = m[2]?.toLowerCase() === 'true';
      return (ev) => (ev.data[key] ?? false) === v;
    }
    m = /^(start|end)\/dateTime\s+(ge|gt|le|lt|eq)\s+'([^']+)'$/i.exec(c);
    if (m) {
      const at = wallToUtc(m[3] ?? '', 'UTC');
      const field = m[1]?.toLowerCase() === 'start' ? 'startMs' : 'endMs';
      const op = m[2]?.toLowerCase();
      return (ev) => {
        const x = ev[field];
        return op === 'ge' ? x >= at : op === 'gt' ? x > at : op === 'le' ? x <= at : op === 'lt' ? x < at : x === at;
      };
    }
    throw new GraphHttpError(400, 'ErrorInvalidUrlQueryFilter', `The query filter '${c}' isn't supported.`);
  });
  return (ev) => preds.every((p) => p(ev));
}
