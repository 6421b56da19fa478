import { isoWeekday, toCivil } from '../calendar/local-date.js';
import type { LocalDate } from '../calendar/types.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** 'Tue 6 Jan 2026': failure and violation reasons are read by supervisors, not parsed. */
export function humanDate(d: LocalDate): string {
  const c = toCivil(d);
  return `${WEEKDAYS[isoWeekday(d) - 1] ?? ''} ${c.day} ${MONTHS[c.month - 1] ?? ''} ${c.year}`;
}
