/**
 * Contract of the working-day calendar (conventions.md "Calendar"). All policy arithmetic is on
 * local dates in Europe/London, written 'YYYY-MM-DD'.
 */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Bank-holiday regions of the UK (conventions.md: England & Wales default; Scotland and NI selectable). */
export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';

export interface WorkingCalendar {
  readonly nation: Nation;
  /** Monday to Friday, not a bank holiday of the nation, not a council closure day. */
  isWorkingDay(date: LocalDate): boolean;
  /** Name of the bank holiday or closure day on that date, if any. */
  holidayName(date: LocalDate): string | undefined;
}
