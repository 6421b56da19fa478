export * from './history.js';
export * from './run-sweep.js';
export * from './schedule.js';
