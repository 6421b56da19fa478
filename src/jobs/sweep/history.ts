/**
 * Moved to src/domain/obligations/history-of.ts (pure, so use cases read the facts the same way
 * without importing a job). Kept for the compliance report's import until it moves over.
 */
export { historyOf, recordFacts, recordShowsHeld } from '../../domain/obligations/history-of.js';
