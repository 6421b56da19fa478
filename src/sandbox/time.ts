import { GraphHttpError } from './errors.js';
import type { DateTimeTimeZone } from '@microsoft/microsoft-graph-types';

/**
 * Exchange accepts Windows time-zone names and IANA names. The product and the tests use a handful;
 * the Windows names here are the ones a UK council (and Graph's own examples) send.
 */
const windowsToIana: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'e. europe standard time': 'Europe/Chisinau',
  'gtb standard time': 'Europe/Bucharest',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'pacific standard time': 'America/Los_Angeles',
  'india standard time': 'Asia/Kolkata',
  'tokyo standard time': 'Asia/Tokyo',
  'aus eastern standard time': 'Australia/Sydney',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

const ianaChecked = new Map<string, boolean>();

/** Memoised: building an Intl.DateTimeFormat per request was a third of the sandbox's CPU. */
function isIana(zone: string): boolean {
  let known = ianaChecked.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    ianaChecked.set(zone, known);
  }
  return known;
}

/** Maps a Graph time-zone name to an IANA zone, refusing unknown names the way Exchange does. */
export function resolveZone(name: string | undefined | null): string {
  if (!name) return 'UTC';
  const mapped = windowsToIana[name.trim().toLowerCase()];
  if (mapped) return mapped;
  if (isIana(name)) return name;
  throw new GraphHttpError(
    400,
    'TimeZoneNotSupportedException',
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallClock(ms: number, zone: string): WallClock {
  const parts = formatter(zone).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

function offsetMs(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;

/** Local wall-clock time in a zone to a UTC instant (ms). Text with an offset or Z is taken as is. */
export function wallToUtc(dateTime: string, zone: string): number {
  const trimmed = dateTime.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && trimmed.includes('T')) {
    const ms = Date.parse(trimmed.replace(/(\.\d{3})\d+/, '$1'));
    if (Number.isNaN(ms)) throw invalidDate(dateTime);
    return ms;
  }
  const m = wallPattern.exec(trimmed);
  if (!m) throw invalidDate(dateTime);
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) + Math.round(frac);
  const first = guess - offsetMs(guess, zone);
  const second = guess - offsetMs(first, zone);
  return second;
}

function invalidDate(value: string): GraphHttpError {
  return new GraphHttpError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${value}' to the expected type 'Edm.DateTimeOffset'.`);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** An instant as Graph writes dateTime values: local wall time with seven fractional digits. */
export function formatInZone(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  const frac = ((ms % 1000) + 1000) % 1000;
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}.${pad(frac, 3)}0000`;
}

export function parseDateTimeTimeZone(value: DateTimeTimeZone | null | undefined, field: string): number {
  if (!value || typeof value.dateTime !== 'string') {
    throw new GraphHttpError(400, 'ErrorInvalidRequest', `The '${field}' property is required and must be a dateTimeTimeZone.`);
  }
  return wallToUtc(value.dateTime, resolveZone(value.timeZone ?? 'UTC'));
}

export function toDateTimeTimeZone(ms: number, zoneName: string): DateTimeTimeZone {
  return { dateTime: formatInZone(ms, resolveZone(zoneName)), timeZone: zoneName };
}

/** `Prefer: outlook.timezone="X", odata.maxpagesize=10` */
export interface Preferences {
  timeZone?: string;
  maxPageSize?: number;
}

export function parsePrefer(header: string | undefined): Preferences {
  const out: Preferences = {};
  if (!header) return out;
  for (const part of header.split(',')) {
    const [rawKey, ...rest] = part.split('=');
    const key = rawKey?.trim().toLowerCase();
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (key === 'outlook.timezone' && value) out.timeZone = value;
    if (key === 'odata.maxpagesize') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) out.maxPageSize = n;
    }
  }
  return out;
}
