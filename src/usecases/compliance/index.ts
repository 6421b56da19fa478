export * from './summary.js';
export * from './compliance-report.js';
