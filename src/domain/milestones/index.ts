export * from './types.js';
export { ZMilestoneKind, ZPlannedMilestone } from './schema.js';
export { milestonesOfYear, type YearInputs } from './dues.js';
export { placeMilestones, VENUE_TO_AGREE, type PlacementInputs } from './place.js';
