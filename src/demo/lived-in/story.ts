/**
 * The lived-in council's story (issue 15 item 1): who supervises whom, on which day and time, and
 * what has happened in each relationship by the time a newcomer first opens the sandbox. Every
 * name and date is derived from this table and the day the sandbox is first started; the seeding
 * (seed.ts) acts it out through the product's own use cases.
 */

/** What the latest part of a relationship's story is, as its people will find it. */
export type Ending =
  /** Every session held, its record signed by both and filed. */
  | 'all-filed'
  /** The last record is shared by the supervisor and waits for the supervisee's signature. */
  | 'awaiting-signature'
  /** The last session ended a day or two ago; its record card waits for the supervisor. */
  | 'record-to-write'
  /** The supervisee disagreed with the last record; the supervisor is to amend it. */
  | 'disputed'
  /** The last session was postponed days ago and is waiting to be rebooked. */
  | 'postponed'
  /** A session was postponed weeks ago and never rebooked: its month lapsed and is escalated. */
  | 'lapsed'
  /** The agreement is drafted and sent; the supervisee has not signed yet. */
  | 'awaiting-agreement';

export interface Pair {
  readonly supervisor: string;
  readonly supervisee: string;
  /** The pack's role and phase ("role/phase") when sessions start. */
  readonly rolePhase: string;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: 1 | 2 | 3 | 4 | 5;
  readonly time: string;
  readonly minutes: number;
  /** Days after the supervision year's start that this agreement starts (spreads the calendars); unused for one still awaiting its supervisee, which starts next week. */
  readonly startOffsetDays: number;
  /** Start at the supervisee's employment instead (a newly qualified social worker's ASYE). */
  readonly fromEmployment?: true;
  readonly ending: Ending;
  /** The supervisee leaves one action open past its date (an overdue action on their next agenda). */
  readonly overdueAction?: true;
}

/** How far back the supervision year started, in days before the sandbox's first start. */
export const YEAR_STARTED_DAYS_AGO = 122;

/** The Sefton-style roles of the demo people (the default pack). */
export const pairs: readonly Pair[] = [
  // Olivia Marchbank's Assessment Team.
  { supervisor: 'tm1', supervisee: 'sw1', rolePhase: 'social-worker/monthly', weekday: 4, time: '10:00', minutes: 90, startOffsetDays: 0, ending: 'awaiting-signature', overdueAction: true },
  { supervisor: 'tm1', supervisee: 'sw2', rolePhase: 'social-worker/monthly', weekday: 3, time: '14:00', minutes: 90, startOffsetDays: 2, ending: 'record-to-write' },
  { supervisor: 'tm1', supervisee: 'sp1', rolePhase: 'social-worker/monthly', weekday: 1, time: '11:00', minutes: 90, startOffsetDays: 4, ending: 'postponed' },
  { supervisor: 'tm1', supervisee: 'nqsw1', rolePhase: 'nqsw/weekly', weekday: 5, time: '09:30', minutes: 90, startOffsetDays: 0, fromEmployment: true, ending: 'disputed' },
  { supervisor: 'tm1', supervisee: 'nqsw4', rolePhase: 'nqsw/fortnightly', weekday: 2, time: '14:00', minutes: 90, startOffsetDays: 6, ending: 'all-filed' },
  { supervisor: 'tm1', supervisee: 'sw3', rolePhase: 'social-worker/monthly', weekday: 2, time: '11:00', minutes: 90, startOffsetDays: 0, ending: 'awaiting-agreement' },
  // Samuel Drayhorne's Child Protection Team.
  { supervisor: 'tm2', supervisee: 'sw4', rolePhase: 'social-worker/monthly', weekday: 2, time: '09:30', minutes: 90, startOffsetDays: 1, ending: 'lapsed' },
  { supervisor: 'tm2', supervisee: 'sw5', rolePhase: 'social-worker/monthly', weekday: 4, time: '14:00', minutes: 90, startOffsetDays: 3, ending: 'all-filed' },
  { supervisor: 'tm2', supervisee: 'sp2', rolePhase: 'social-worker/monthly', weekday: 1, time: '14:00', minutes: 90, startOffsetDays: 5, ending: 'all-filed' },
  // The service manager's team managers, and her own supervision.
  { supervisor: 'sm1', supervisee: 'tm1', rolePhase: 'team-manager/monthly', weekday: 3, time: '09:30', minutes: 90, startOffsetDays: 1, ending: 'all-filed' },
  { supervisor: 'sm1', supervisee: 'tm2', rolePhase: 'team-manager/monthly', weekday: 5, time: '11:00', minutes: 90, startOffsetDays: 3, ending: 'awaiting-signature' },
  { supervisor: 'hos1', supervisee: 'sm1', rolePhase: 'service-manager/bi-monthly', weekday: 1, time: '15:00', minutes: 90, startOffsetDays: 7, ending: 'all-filed' },
  // Children in Care and Leaving Care.
  { supervisor: 'tm3', supervisee: 'sw7', rolePhase: 'social-worker/monthly', weekday: 3, time: '11:00', minutes: 90, startOffsetDays: 8, ending: 'all-filed' },
  { supervisor: 'tm4', supervisee: 'pa1', rolePhase: 'personal-adviser/bi-monthly', weekday: 2, time: '15:00', minutes: 90, startOffsetDays: 9, ending: 'all-filed' },
];

/** What people wrote, picked by session number so every run writes the same. */
export const discussions: readonly string[] = [
  'Caseload and priorities since the last session; two new allocations from duty; the review conference plan for case 1234567.',
  'Reflection on a difficult home visit and what helped; court timetable for case 2345678; workload over the school holidays.',
  'Progress on the assessments due this month; feedback from the last child protection conference; training this quarter.',
  'Wellbeing after a busy month; supervision of the student on placement; the audit findings for the team.',
  'Planning for the next core group for case 3456789; time off in lieu; the new recording template.',
];

export const decisions: readonly string[] = [
  'New allocations paused for two weeks while the assessments are finished.',
  'Case 2345678 to go to the legal gateway meeting; the manager to attend the next strategy meeting.',
  'Agreed a protected afternoon each week for recording.',
  'The student takes on one joint visit a week from next month.',
  '',
];

export const actionTexts: readonly string[] = [
  'Book the advanced safeguarding course',
  'Finish the single assessment for case 1234567',
  'Arrange a joint visit with the health visitor',
  'Update the chronology for case 2345678',
  'Read the updated neglect practice guidance',
  'Send the core group minutes to the family',
];

export const agendaTopics: readonly string[] = [
  'My caseload since the restructure',
  'Training plan for the year',
  'Feedback from the last audit',
  'Annual leave over the holidays',
  'Support with court statements',
];

export const supervisorTopics: readonly string[] = [
  'Recording timescales',
  'Case file audit results',
  'The new duty rota',
];

/** Case items go by the case system's number only, never a child's name. */
export const caseItems: readonly { readonly ref: string; readonly text: string }[] = [
  { ref: '1234567', text: 'planning for the review conference' },
  { ref: '2345678', text: 'threshold for a legal planning meeting' },
  { ref: '3456789', text: 'contact arrangements after the placement move' },
];
