import { agendaCard, agendaOfferCard } from '../../../src/cards/agenda-card.js';
import { preparationCard } from '../../../src/cards/preparation-card.js';

const base = {
  agreementId: 'a1',
  sessionId: 'a1-s02',
  itemId: 'i-1',
  title: 'Agenda for your supervision on Tue 1 Dec 2026 at 10:00',
  intro: 'With Tariq Manager.',
  items: [{ line: '1. training plan · _added by Sam Worker, 23 Nov 2026, 10:00_' }, { line: '2. **Case 1234567**: court timetable' }],
  carried: [{ line: '- Book the training (Sam Worker, due Mon 30 Nov 2026)' }],
  caseLabel: 'LCS number, for a case item (optional)',
  caseExample: '1234567',
  caseHint: 'Your policy says "use only LCS number; no personal details" (Supervision policy, Welfare supervision record (Appendix 3)).',
  canPrepare: true,
};

/** Sample renderings of the agenda cards, checked by card-templates.test.ts; key = template file name (plus a variant). */
export const agendaRenderings: Record<string, object> = {
  agenda: agendaCard(base),
  'agenda (empty, supervisor, Camden welfare first, error)': agendaCard({
    ...base, items: [], carried: [], canPrepare: false, welfareNote: '1st: the welfare of the worker (Supervision policy, section 6, Agenda).',
    error: '"Jayden\'s" looks like a person\'s name.', newItem: "Jayden's contact", preparation: 'Sam Worker saved their preparation on 27 Nov 2026, 09:00 (2 answers).', notice: 'Added as item 1.',
  }),
  'agenda-offer': agendaOfferCard({
    title: 'Add to the agenda for Tue 1 Dec?', quoted: '"my caseload is too high"',
    options: [{ title: 'Add to the agenda for Tue 1 Dec', agreementId: 'a1', sessionId: 'a1-s02', itemId: 'i-2', text: 'my caseload is too high' }],
  }),
  'agenda-offer (answered)': agendaOfferCard({ title: 'Added to the agenda for Tue 1 Dec as item 1.', quoted: '"my caseload is too high"', options: [] }),
  preparation: preparationCard({
    agreementId: 'a1', sessionId: 'a1-s02', title: 'Prepare for your supervision on Tue 1 Dec 2026 at 10:00', intro: 'With Tariq Manager.',
    prompts: [{ id: 'p1', text: 'How am I feeling?', citation: 'Sefton Welfare supervision record (L531-L632)', value: 'Tired' }, { id: 'p2', text: 'What support do I think would benefit me?', citation: 'Sefton' }],
    actions: [{ line: '- Book the training (Sam Worker, due Mon 30 Nov 2026)', statusId: 'status_act1', noteId: 'note_act1' }],
  }),
  'preparation (no actions, error)': preparationCard({
    agreementId: 'a1', sessionId: 'a1-s02', title: 'Prepare', intro: 'With Tariq Manager.', error: 'the limit is 4000', notice: 'Saved.',
    prompts: [{ id: 'p1', text: 'Your welfare first', citation: 'Camden §6 Agenda (L106)' }], actions: [],
  }),
};
