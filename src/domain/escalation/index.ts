export * from './settings.js';
export * from './ladder.js';
export * from './digest.js';
export * from './evaluate.js';
export * from './actionable-kinds.js';
