// One import point for the calendar: local dates, UK bank holidays, working days, London time and
// the counting conventions (conventions.md "Calendar" and K1-K12).
export * from './types.js';
export * from './local-date.js';
export * from './easter.js';
export * from './bank-holidays.js';
export * from './working-calendar.js';
export * from './conventions.js';
export * from './instant.js';
export * from './london-time.js';
