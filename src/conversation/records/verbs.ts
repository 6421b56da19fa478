import type { VerbHandler } from '../verb.js';
import { milestoneNotHeldVerb, milestoneRecordVerb } from './milestone-flow.js';
import { recordAmendVerb, recordDisagreeVerb, recordNotHeldVerb, recordOpenVerb, recordSaveDraftVerb, recordShareVerb, recordSignVerb } from './flow.js';

/** The record card's and sign-off card's verbs (issue 5 items 2–3, 6). */
export const recordVerbs: Readonly<Record<string, VerbHandler>> = {
  recordOpen: recordOpenVerb,
  recordSaveDraft: recordSaveDraftVerb,
  recordShare: recordShareVerb,
  recordNotHeld: recordNotHeldVerb,
  recordSign: recordSignVerb,
  recordDisagree: recordDisagreeVerb,
  recordAmend: recordAmendVerb,
  // A review or milestone's card (issue 14 item 1); signed, disagreed with and amended as above.
  recordMilestone: milestoneRecordVerb,
  recordMilestoneNotHeld: milestoneNotHeldVerb,
};
