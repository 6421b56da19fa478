import Holidays from 'date-holidays';
import type { Nation } from '../../../src/domain/calendar/types.js';
import type { BusyInterval, SchedulePhase } from '../../../src/domain/schedule/types.js';

/*
 * An independent, deliberately naive reading of the conventions for the property tests: Date for
 * arithmetic, date-holidays for bank holidays, Intl for London time, and day-by-day loops instead
 * of the deadline algebra in src/domain/schedule/requirements.ts.
 */

const DAY = 86_400_000;
export const ms = (d: string): number => Date.parse(`${d}T00:00:00Z`);
export const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const plusDays = (d: string, n: number): string => iso(ms(d) + n * DAY);

/** conventions.md K3 by Date: same day of month, clamped to the last day. */
export function plusMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + n, Math.min(day, last)));
}

const REGION: Record<Nation, string> = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' };
const holidayCache = new Map<string, Set<string>>();

function holidaysOf(nation: Nation, year: number): Set<string> {
  const key = `${nation}:${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    const hd = new Holidays('GB', REGION[nation]);
    set = new Set(hd.getHolidays(year).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)));
    holidayCache.set(key, set);
  }
  return set;
}

/** conventions.md "Calendar", read through date-holidays (weekend entries never matter here). */
export function refWorkingDay(nation: Nation, d: string): boolean {
  const wd = new Date(ms(d)).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidaysOf(nation, Number(d.slice(0, 4))).has(d);
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

export function refLondon(utcIso: string): { date: string; time: string } {
  const p = Object.fromEntries(london.formatToParts(new Date(Date.parse(utcIso))).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The UTC start of a London wall-clock time, found by search through Intl (no gap hours used here). */
export function refLondonToUtc(date: string, time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const wall = ms(date) + (h * 60 + m) * 60_000;
  for (const offset of [60, 0]) {
    const t = wall - offset * 60_000;
    const back = refLondon(new Date(t).toISOString());
    if (back.date === date && back.time === time) return t;
  }
  throw new Error(`no UTC instant for ${date} ${time}`);
}

export function refClashes(date: string, time: string, minutes: number, busy: readonly BusyInterval[]): boolean {
  const start = refLondonToUtc(date, time);
  const end = start + minutes * 60_000;
  return busy.some((b) => start < Date.parse(b.end) && Date.parse(b.start) < end);
}

/** Every rule breach, as text, found by walking day by day. Empty means the schedule is valid. */
export function refBreaches(
  phases: readonly SchedulePhase[],
  sessions: readonly string[],
  previous: string | undefined,
  from: string,
  until: string,
  nation: Nation,
): string[] {
  const out: string[] = [];
  const held = previous === undefined ? [...sessions] : [previous, ...sessions];
  for (const phase of phases) {
    for (const rule of phase.rules) {
      if (rule.kind === 'per-period') {
        for (let k = 0; ; k += 1) {
          const p0 = rule.unit === 'days' ? plusDays(phase.from, k * rule.length) : plusMonths(phase.from, k * rule.length);
          if (p0 >= phase.to) break;
          const next = rule.unit === 'days' ? plusDays(phase.from, (k + 1) * rule.length) : plusMonths(phase.from, (k + 1) * rule.length);
          const whole = next < phase.to ? next : phase.to;
          // K5 cuts a period crossing the schedule's end at that end (issue 14 a).
          if (whole <= from || p0 >= until) continue;
          const p1 = whole < until ? whole : until;
          if (previous !== undefined && previous >= p0 && previous < whole) continue;
          const lo = p0 > from ? p0 : from;
          let anyWorking = false;
          for (let d = lo; d < p1; d = plusDays(d, 1)) anyWorking ||= refWorkingDay(nation, d);
          if (anyWorking && !sessions.some((s) => s >= lo && s < p1)) out.push(`${phase.id}: period ${lo}..${p1} empty`);
        }
      } else {
        const start = phase.from > from ? phase.from : from;
        const end = phase.to < until ? phase.to : until;
        for (let t = start; t < end; t = plusDays(t, 1)) {
          const before = held.filter((s) => s <= t);
          const last = before.length > 0 ? before[before.length - 1]! : from;
          if ((ms(t) - ms(last)) / DAY >= rule.days) {
            out.push(`${phase.id}: on ${t} the last session (${last}) is ${rule.days}+ days old`);
            break;
          }
        }
      }
    }
  }
  return out;
}
