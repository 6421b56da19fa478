import { formatInstant, parseInstant } from '../../../domain/calendar/instant.js';

/** Graph's dateTimeTimeZone in UTC ('2026-03-11T10:00:00.0000000') as an ISO instant with Z. */
export function utcInstant(dateTime: string | null | undefined): string | undefined {
  if (!dateTime) return undefined;
  const trimmed = dateTime.replace(/(\.\d{3})\d*/, '$1');
  const withZone = /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  return formatInstant(parseInstant(withZone));
}

/** An ISO instant as the zone-less UTC dateTime Graph wants beside timeZone 'UTC'. */
export function graphUtc(iso: string): string {
  return formatInstant(parseInstant(iso)).replace(/Z$/, '');
}
