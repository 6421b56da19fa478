import { AppError } from '../errors.js';
import { easterSunday } from './easter.js';
import { addDays, daysInMonth, formatLocalDate, isoWeekday } from './local-date.js';
import type { LocalDate, Nation } from './types.js';

/*
 * UK bank holidays by rule, so the product needs no network call (src/domain is pure,
 * eslint.config.js). A working day excludes the nation's bank holidays, substitute days included
 * (conventions.md "Calendar": 25 Dec 2027 is a Saturday, so Mon 27 and Tue 28 Dec 2027 and
 * Mon 3 Jan 2028 are bank holidays). Rules follow the Banking and Financial Dealings Act 1971
 * and the royal proclamations published on gov.uk/bank-holidays; one-off changes are tabled
 * below. The table is complete from 2011 onward; a new proclamation needs a new row.
 */

export interface BankHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

interface FixedHoliday {
  readonly month: number;
  readonly day: number;
  readonly name: string;
}

const NEW_YEAR: FixedHoliday = { month: 1, day: 1, name: "New Year's Day" };
const SECOND_JANUARY: FixedHoliday = { month: 1, day: 2, name: '2nd January' };
const ST_PATRICK: FixedHoliday = { month: 3, day: 17, name: "St Patrick's Day" };
const BOYNE: FixedHoliday = { month: 7, day: 12, name: "Battle of the Boyne (Orangemen's Day)" };
const ST_ANDREW: FixedHoliday = { month: 11, day: 30, name: "St Andrew's Day" };
const CHRISTMAS: FixedHoliday = { month: 12, day: 25, name: 'Christmas Day' };
const BOXING: FixedHoliday = { month: 12, day: 26, name: 'Boxing Day' };

const FIXED: Readonly<Record<Nation, readonly FixedHoliday[]>> = {
  'england-and-wales': [NEW_YEAR, CHRISTMAS, BOXING],
  scotland: [NEW_YEAR, SECOND_JANUARY, ST_ANDREW, CHRISTMAS, BOXING],
  'northern-ireland': [NEW_YEAR, ST_PATRICK, BOYNE, CHRISTMAS, BOXING],
};

type MovableKey = 'good-friday' | 'easter-monday' | 'early-may' | 'spring' | 'summer';

interface OneOff {
  /** Movable holidays that the proclamation moved, with their new date. */
  readonly moved?: Partial<Record<MovableKey, BankHoliday>>;
  /** Extra holidays; they apply in every UK nation. */
  readonly added?: readonly BankHoliday[];
}

/** One-off changes by royal proclamation (gov.uk/bank-holidays), same in all three nations. */
const ONE_OFFS: Readonly<Record<number, OneOff>> = {
  2011: { added: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: {
    moved: { spring: { date: '2012-06-04', name: 'Spring bank holiday' } },
    added: [{ date: '2012-06-05', name: "Queen's Diamond Jubilee" }],
  },
  2020: { moved: { 'early-may': { date: '2020-05-08', name: 'Early May bank holiday (VE day)' } } },
  2022: {
    moved: { spring: { date: '2022-06-02', name: 'Spring bank holiday' } },
    added: [
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
      { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
    ],
  },
  2023: { added: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }] },
};

function firstMonday(year: number, month: number): LocalDate {
  const first = formatLocalDate(year, month, 1);
  return addDays(first, (8 - isoWeekday(first)) % 7);
}

function lastMonday(year: number, month: number): LocalDate {
  const last = formatLocalDate(year, month, daysInMonth(year, month));
  return addDays(last, -((isoWeekday(last) + 6) % 7));
}

function movableHolidays(nation: Nation, year: number): Record<MovableKey, BankHoliday | undefined> {
  const easter = easterSunday(year);
  return {
    'good-friday': { date: addDays(easter, -2), name: 'Good Friday' },
    // Easter Monday is not a bank holiday in Scotland.
    'easter-monday': nation === 'scotland' ? undefined : { date: addDays(easter, 1), name: 'Easter Monday' },
    'early-may': { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    spring: { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    // Scotland's summer holiday is the first Monday of August, elsewhere the last.
    summer: { date: nation === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8), name: 'Summer bank holiday' },
  };
}

function isWeekend(d: LocalDate): boolean {
  return isoWeekday(d) >= 6;
}

/**
 * The days off of one nation in one calendar year, as gov.uk lists them: weekday dates only, a
 * fixed-date holiday that falls on a weekend replaced by its substitute day (the next weekday
 * that is not already a bank holiday). Sorted by date.
 */
export function bankHolidays(nation: Nation, year: number): BankHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new AppError('invalid_input', `${year} is not a year between 1 and 9999.`, { year });
  }
  const oneOff = ONE_OFFS[year];
  const movable = movableHolidays(nation, year);
  const taken = new Map<LocalDate, string>();
  for (const key of Object.keys(movable) as MovableKey[]) {
    const holiday = oneOff?.moved?.[key] ?? movable[key];
    if (holiday) taken.set(holiday.date, holiday.name);
  }
  for (const holiday of oneOff?.added ?? []) taken.set(holiday.date, holiday.name);

  const fixed = FIXED[nation].map((h) => ({ date: formatLocalDate(year, h.month, h.day), name: h.name }));
  const onWeekdays = fixed.filter((h) => !isWeekend(h.date));
  for (const h of onWeekdays) taken.set(h.date, h.name);
  for (const h of fixed.filter((f) => isWeekend(f.date))) {
    let substitute = addDays(h.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.set(substitute, `${h.name} (substitute day)`);
  }
  return [...taken.entries()]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
