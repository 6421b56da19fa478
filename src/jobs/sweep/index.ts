export * from './run-sweep.js';
export * from './schedule.js';
