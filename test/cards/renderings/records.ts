/** Sample renderings of the records cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
import { recordCard, type RecordCardData } from '../../../src/cards/record-card.js';
import { recordListCard } from '../../../src/cards/record-list-card.js';
import { recordReviewCard, type RecordReviewCardData } from '../../../src/cards/record-review-card.js';

const slot = (i: number, values: Partial<{ text: string; owner: string; due: string; textError: string; ownerError: string; dueError: string; visible: boolean; showAdd: boolean; nextRowId: string }> = {}) => ({
  textId: `a${i}_text`, ownerId: `a${i}_owner`, dueId: `a${i}_due`, label: `Action ${i + 1}`,
  text: '', owner: '', due: '', textError: '', ownerError: '', dueError: '',
  rowId: `a${i}_row`, visible: true, nextRowId: '', addId: `a${i}_add`, showAdd: false, ...values,
});

const recordData: RecordCardData = {
  agreementId: 'a1', sessionId: 'a1-s03', basedOn: '0',
  title: 'Record of supervision with Sam Worker',
  intro: 'Children\'s Services: Staff Supervision Record (BIC 531), session of Tue 1 Dec 2026.',
  facts: [{ title: 'Supervisee', value: 'Sam Worker' }],
  standingHint: 'Mark every standing item as addressed or not applicable.',
  standingItems: [
    { statusId: 'si0_status', notesId: 'si0_notes', label: '1. Health and wellbeing', status: 'addressed', notes: 'Fine', error: '', notesVisible: true },
    { statusId: 'si1_status', notesId: 'si1_notes', label: '2. Workload', status: '', notes: '', error: '' },
    { statusId: 'si2_status', notesId: 'si2_notes', label: '4. Personal Issues', status: 'addressed', notes: '', error: '', statusOnly: true },
  ],
  agendaItems: [{ line: 'Supervisee: [LCS-12345] Case review' }],
  discussion: 'We talked.', discussionError: '', decisions: '',
  // The first row filled in, the second revealed by its "Add another action".
  actions: [slot(0, { text: 'Book training', owner: 'supervisee', due: 'Tuesday 15 December 2026', nextRowId: 'a1_row', showAdd: true }), slot(1, { visible: false })],
  actionIds: 'a1-s03-a1,a1-s03-a2',
  supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker',
  personalIssues: 'no', personalIssuesError: '', disagreementNoted: '', nextMeetingDate: 'Tuesday 5 January 2027', nextMeetingError: '', dateExample: 'for example 15/12/2026',
  shareTitle: 'Sign and share with Sam Worker', canMarkNotHeld: true,
};

const reviewData: RecordReviewCardData = {
  agreementId: 'a1', sessionId: 'a1-s03',
  title: 'Supervision record: Sam Worker, Tue 1 Dec 2026',
  statusText: 'Tariq Manager signed and shared version 1.',
  facts: [{ title: 'Supervisor', value: 'Tariq Manager' }],
  standingItems: [{ line: '**1. Health and wellbeing**: addressed. Fine' }],
  agendaItems: [{ line: '[LCS-12345] Case review' }],
  discussion: 'We talked.', decisions: 'Carry on.',
  actions: [{ line: 'Book training (owner: Sam Worker; due Tue 15 Dec 2026)' }],
  disagreements: [],
  signatures: [{ line: '**Signed by Tariq Manager (supervisor)** on 1 Dec 2026, 11:00 · SHA-256 aaaaaaaaaaaa' }],
  version: 1, hash: 'a'.repeat(64), hashShort: 'a'.repeat(12),
  canSign: true, canDisagree: true, canAmend: false,
};

export const recordsRenderings: Record<string, object> = {
  record: recordCard(recordData),
  'record with errors on every kind of field': recordCard({
    ...recordData,
    errorSummary: 'Please fix the 4 fields marked below.',
    standingItems: [{ ...recordData.standingItems[1]!, error: 'Mark this item as addressed or not applicable.' }],
    discussion: '', discussionError: 'Write what was discussed.',
    actions: [slot(0, { text: 'Book training', ownerError: 'Choose who owns this action.', dueError: 'Give the date this action is due.' })],
    actionIds: 'a1-s03-a1',
    personalIssues: '', personalIssuesError: 'Say whether personal issues were discussed (yes or no).',
  }),
  'record with the policy\'s postponement reasons': recordCard({ ...recordData, notHeldReasons: [{ title: 'An urgent situation has arisen on a case', value: 'urgent-case-situation' }], notHeldReasonsLabel: 'If postponed: the reason your policy allows (CA-E2)' }),
  // Issue 14 item 2: a case item gets the pack's categories and "discussed"; a plain item does not.
  'record with a case item to categorise': recordCard({
    ...recordData,
    agendaItems: [
      { line: 'Supervisee: [LCS-12345] Case review', caseCategoryId: 'c0_category', caseDiscussedId: 'c0_discussed', category: 'cin', discussed: 'true', caseClosedId: 'c0_closed', closed: 'false', categories: [{ title: 'Child protection', value: 'child-protection' }, { title: 'Child in need', value: 'cin' }], caseError: 'Choose the category of this case, so its next discussion is known.' },
      { line: 'Supervisor: Training' },
    ],
  }),
  // A role with two of the policy's lists: each named once, above its first item.
  'record with two of the policy\'s lists': recordCard({
    ...recordData,
    standingItems: [
      { statusId: 'si0_status', notesId: 'si0_notes', label: '1. Review of actions', status: '', notes: '', error: '', heading: 'The supervision meeting will consist of' },
      { statusId: 'si1_status', notesId: 'si1_notes', label: '1. How am I feeling?', status: '', notes: '', error: '', heading: 'Welfare record questions' },
      { statusId: 'si2_status', notesId: 'si2_notes', label: '2. How am I managing my work?', status: '', notes: '', error: '' },
    ],
  }),
  'record amending version 1': recordCard({ ...recordData, basedOn: '1', title: 'Amend the record', canMarkNotHeld: false, notice: 'Sam Worker disagreed.', noticeStyle: 'warning' }),
  'record-review': recordReviewCard(reviewData),
  'record-review signed by both, final': recordReviewCard({
    ...reviewData, statusText: 'Signed by both, final (version 2).', version: 2, canSign: false, canDisagree: false,
    disagreements: [{ line: '**Version 1**, Sam Worker, 1 Dec 2026, 12:00: The training date is wrong.' }],
    notice: 'Signed by both, final.', noticeStyle: 'good',
  }),
  'record-review for the supervisor after a disagreement': recordReviewCard({ ...reviewData, canSign: false, canDisagree: false, canAmend: true }),
  'record-list': recordListCard({ title: 'Your supervision records', emptyText: 'None yet.', records: [{ agreementId: 'a1', sessionId: 'a1-s03', label: 'Tue 1 Dec 2026: with Sam Worker', status: 'Shared, waiting for the supervisee to sign' }] }),
  'record-list, empty': recordListCard({ title: 'Your supervision records', emptyText: 'None yet.', records: [] }),
};
