// One import point for scheduling: the K6 year-schedule generator and the rule checker.
export * from './types.js';
export { generateYearSchedule } from './year-schedule.js';
export { checkSchedule } from './check-schedule.js';
export { requiredPeriods, gapRules, gapDeadline, type RequiredPeriod, type GapRule, type GapDeadline } from './requirements.js';
