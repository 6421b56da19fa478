export * from './run-sweep.js';
export * from './schedule.js';
export * from './digest-copies.js';
