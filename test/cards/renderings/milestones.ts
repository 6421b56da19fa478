/** Sample renderings of a review or milestone's record card (issue 14 item 1), checked by card-templates.test.ts; key = template file name (plus a variant). */
import { milestoneRecordCard, type MilestoneRecordCardData } from '../../../src/cards/milestone-record-card.js';

const data: MilestoneRecordCardData = {
  agreementId: 'a1', sessionId: 'a1-m-asye-review-month-3', basedOn: '0',
  title: 'ASYE review at 3 months: Sam Worker',
  intro: 'Record that it took place and its outcome. Your policy asks for it by Monday 5 April 2027 (Supervision policy, paragraph 3.14).',
  why: { quote: 'Subsequent review meetings will be held throughout the duration of the assessed year at 3, 6 and 12 months to assess progress.', label: 'Supervision policy, paragraph 3.14' },
  facts: [{ title: 'Supervisee', value: 'Sam Worker' }, { title: 'Booked for', value: 'Monday 5 April 2027' }],
  heldOn: '2027-04-05', outcome: '',
  outcomeLabel: 'Outcome', outcomeHint: 'Progress against the learning agreement, and what happens next.',
  signHint: 'When you sign and share it, Sam Worker is asked to sign it too; signed by both, it is kept in the supervision file.',
  shareTitle: 'Sign and share with Sam Worker',
  canMarkNotHeld: true,
};

export const milestonesRenderings = {
  'milestone-record': milestoneRecordCard(data),
  'milestone-record with errors': milestoneRecordCard({ ...data, errorSummary: 'Please fix the 2 fields marked below.', heldOnError: 'That day is still to come: record it once it has taken place.', outcomeError: 'Say what the outcome was.' }),
  'milestone-record amending': milestoneRecordCard({ ...data, basedOn: '1', canMarkNotHeld: false }),
};
