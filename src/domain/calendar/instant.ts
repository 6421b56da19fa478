import { AppError } from '../errors.js';
import { civilFromDays, daysFromCivil, daysInMonth } from './local-date.js';

/*
 * UTC instants as milliseconds since 1970-01-01T00:00Z, parsed and printed without the Date
 * global (src/domain is pure, eslint.config.js). Busy intervals and session times cross the
 * adapter boundary as ISO 8601 strings (schedule/types.ts BusyInterval).
 */

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Accepts 'YYYY-MM-DDTHH:MM[:SS[.fraction]]' followed by 'Z' or an offset '±HH:MM'. */
export function parseInstant(iso: string): number {
  const m = ISO_INSTANT.exec(iso);
  const bad = (): AppError =>
    new AppError('invalid_input', `"${iso}" is not an ISO 8601 instant with Z or an offset.`, { value: iso });
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw bad();
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    (hour * 60 + minute - offsetMinutes) * MS_PER_MINUTE +
    second * 1000 +
    millis
  );
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DDTHH:MM:SSZ' (whole seconds; sessions never need finer). */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const rest = ms - days * MS_PER_DAY;
  const c = civilFromDays(days);
  const totalSeconds = Math.floor(rest / 1000);
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`;
}

export function addMinutes(ms: number, minutes: number): number {
  return ms + minutes * MS_PER_MINUTE;
}
