import { addDays, addMonths } from '../../../src/domain/calendar/local-date.js';
import type { LocalDate } from '../../../src/domain/calendar/types.js';
import type { SchedulePhase } from '../../../src/domain/schedule/types.js';

/*
 * Representative phase sets from rules.md §1.6, resolved to dates for a start S and an end E
 * (the schedule's `until`). Shared by the table and property tests.
 */

/** CB §10: at least every 2 weeks for the first 4 months (CB-F1), then at least every 4 weeks (CB-F2). */
export function centralBedfordshire(start: LocalDate, end: LocalDate): SchedulePhase[] {
  const fourMonths = addMonths(start, 4);
  return [
    { id: 'cb-first-4-months', label: 'First 4 months', from: start, to: fourMonths, rules: [{ kind: 'max-gap', days: 14, citation: 'rules.md CB-F1 / 000 §10 (L105)' }] },
    { id: 'cb-after-4-months', label: 'After 4 months', from: fourMonths, to: end, rules: [{ kind: 'max-gap', days: 28, citation: 'rules.md CB-F2 / 000 §10 (L106)' }] },
  ];
}

/** CA §6 (L94), CA-F3: weekly [S, S+42d), fortnightly to S+6 months, then monthly. */
export function camdenNqsw(start: LocalDate, end: LocalDate): SchedulePhase[] {
  const sixWeeks = addDays(start, 42);
  const sixMonths = addMonths(start, 6);
  return [
    { id: 'ca-nqsw-weekly', label: 'NQSW weeks 1-6', from: start, to: sixWeeks, rules: [{ kind: 'per-period', unit: 'days', length: 7, citation: 'rules.md CA-F3 / 003 §6 (L94)' }] },
    { id: 'ca-nqsw-fortnightly', label: 'NQSW to 6 months', from: sixWeeks, to: sixMonths, rules: [{ kind: 'per-period', unit: 'days', length: 14, citation: 'rules.md CA-F3 / 003 §6 (L94)' }] },
    { id: 'ca-nqsw-monthly', label: 'NQSW after 6 months', from: sixMonths, to: end, rules: [{ kind: 'per-period', unit: 'months', length: 1, citation: 'rules.md CA-F3 / 003 §6 (L94)' }] },
  ];
}

/** SE ¶3.8 (L90), SE-F6: social workers at least monthly. */
export function seftonSocialWorker(start: LocalDate, end: LocalDate): SchedulePhase[] {
  return [{ id: 'se-sw', label: 'Social worker', from: start, to: end, rules: [{ kind: 'per-period', unit: 'months', length: 1, citation: 'rules.md SE-F6 / 004 ¶3.8 (L90)' }] }];
}

/** SE ¶3.9 (L92) bi-monthly with the ¶3.2 (L77) 8-week floor: conventions.md K8. */
export function seftonBiMonthly(start: LocalDate, end: LocalDate): SchedulePhase[] {
  return [
    {
      id: 'se-pa',
      label: 'Personal Advisor',
      from: start,
      to: end,
      rules: [
        { kind: 'per-period', unit: 'months', length: 2, citation: 'rules.md SE-F7 / 004 ¶3.9 (L92)' },
        { kind: 'max-gap', days: 56, citation: 'rules.md SE-F2 / 004 ¶3.2 (L77), conventions.md K8' },
      ],
    },
  ];
}

export const PHASE_SETS = {
  'CB fortnightly max-gap 14 then 28': centralBedfordshire,
  'Camden NQSW weekly / fortnightly / monthly periods': camdenNqsw,
  'Sefton SW monthly periods': seftonSocialWorker,
  'Sefton bi-monthly with 56-day floor (K8)': seftonBiMonthly,
} as const;
