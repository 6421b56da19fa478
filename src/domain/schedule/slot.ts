import { addMinutes, formatInstant, parseInstant } from '../calendar/instant.js';
import { londonToUtcMs } from '../calendar/london-time.js';
import type { LocalDate } from '../calendar/types.js';
import { AppError } from '../errors.js';
import type { BusyInterval } from './types.js';

/*
 * A session slot is the agreed London wall-clock time on a date (conventions.md "Calendar": 10:00
 * stays 10:00 across the clock changes), so its UTC instants move by an hour between GMT and BST.
 */

export interface Slot {
  readonly startMs: number;
  readonly endMs: number;
}

export interface ParsedBusy {
  readonly startMs: number;
  readonly endMs: number;
}

export function slotOn(date: LocalDate, time: string, minutes: number): Slot {
  const startMs = londonToUtcMs(date, time);
  return { startMs, endMs: addMinutes(startMs, minutes) };
}

export function slotIso(slot: Slot): { readonly startUtc: string; readonly endUtc: string } {
  return { startUtc: formatInstant(slot.startMs), endUtc: formatInstant(slot.endMs) };
}

export function parseBusy(busy: readonly BusyInterval[]): ParsedBusy[] {
  return busy.map((b) => {
    const startMs = parseInstant(b.start);
    const endMs = parseInstant(b.end);
    if (endMs < startMs) {
      throw new AppError('invalid_input', `Busy time ends (${b.end}) before it starts (${b.start}).`, { start: b.start, end: b.end });
    }
    return { startMs, endMs };
  });
}

/** Half-open intervals: a session may start the minute a meeting ends. */
export function overlapsBusy(slot: Slot, busy: readonly ParsedBusy[]): boolean {
  return busy.some((b) => slot.startMs < b.endMs && b.startMs < slot.endMs);
}
