import { dayInWords, instantInWords } from '../domain/words/dates.js';

/**
 * How dates and times read on cards and in chat: British long form in London time
 * (src/domain/words/dates.ts), in one place so every message says them the same way.
 */

/** A local date: "Monday 30 November 2026". */
export function humanDate(date: string): string {
  return dayInWords(date);
}

/** A meeting time offered as a choice: "Thursday 24 December 2026, 10:00". */
export function slotTime(startUtc: string): string {
  return instantInWords(startUtc);
}

/** When something happened: "Monday 30 November 2026, 11:46". */
export function humanInstant(iso: string): string {
  return instantInWords(iso);
}
