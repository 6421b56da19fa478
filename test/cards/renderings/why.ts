/** Cards that cite a rule, rendered with the policy's words under "Why?" from the real packs (checked by card-templates.test.ts and why.test.ts). */
import { agendaCard } from '../../../src/cards/agenda-card.js';
import { escalationCardFor } from '../../../src/cards/escalation-card.js';
import { policyNoticeCard } from '../../../src/cards/policy-notice-card.js';
import { recordCard } from '../../../src/cards/record-card.js';
import { sessionPostponedCard } from '../../../src/cards/session-postponed-card.js';
import { threeWayMeetingCard } from '../../../src/cards/three-way-meeting-card.js';
import { preparationCardFor } from '../../../src/conversation/agenda/present.js';
import { renderAgreementForm } from '../../../src/conversation/agreements/form-card.js';
import type { Upcoming } from '../../../src/usecases/agenda/agenda.js';
import { caseReferenceRule } from '../../../src/domain/agenda/agenda.js';
import { getPack } from '../../../src/policy/packs.js';
import { isSpecified } from '../../../src/policy/schema.js';
import { whyForCitation, whyOf, withPolicyTitle, type PolicyWhy } from '../../../src/policy/why.js';
import { escalationDigest } from './escalations.js';

const sefton = withPolicyTitle(getPack('sefton'), 'Supervision policy');
const camden = getPack('camden');
const must = <T>(v: T | undefined): T => { if (v === undefined) throw new Error('expected the policy\'s words'); return v; };

/** Sefton App 3 (L551): the agenda's case-item refusal, as the council titles its policy. */
export const nameRefusalWhy: PolicyWhy = must(caseReferenceRule(sefton).policy);

const leeds = getPack('leeds');
const path = leeds.escalation.missedSupervision;
/** What the preparation card reads of an upcoming session. */
const upcoming = (pack: typeof camden) => ({
  pack, role: 'supervisee', supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker',
  agreement: { id: 'a1' }, session: { sessionId: 'a1-s02', date: '2026-12-01', start: '10:00' },
}) as unknown as Upcoming;
const people = [{ id: 'sw', displayName: 'Sam Worker', jobTitle: 'Social Worker' }];

export const whyRenderings: Record<string, object> = {
  'policy-notice': policyNoticeCard({ text: '"Jayden\'s" looks like a person\'s name. Name the case by its LCS number only, never a child\'s name.', why: nameRefusalWhy }),
  'agenda with the case hint\'s Why?': agendaCard({
    agreementId: 'a1', sessionId: 'a1-s02', itemId: 'i-1', title: 'Agenda for your supervision on Tue 1 Dec 2026 at 10:00', intro: 'With Tariq Manager.',
    items: [], carried: [], caseLabel: 'LCS number, for a case item (optional)', caseExample: '1234567', caseHint: caseReferenceRule(sefton).why, caseWhy: nameRefusalWhy, canPrepare: true,
  }),
  'agreement-form with the hints\' Why? (Camden)': renderAgreementForm({
    agreementId: '0b1e6c7e-5d0f-4c55-9d3a-3c1f0a9e2b11', pack: camden, today: '2026-11-23', mode: 'new',
    setup: { supervisor: { id: 'tm', displayName: 'Tariq Manager' }, reports: people, managers: [{ id: 'sm', displayName: 'Sara Service' }], defaults: {} as never },
    values: { superviseeId: 'sw', rolePhase: '', employmentStart: '2024-05-01', agreementDate: '2026-11-23', weekday: '2', time: '10:00', minutes: '120', format: 'teams', location: '', keyTasks: '', othersWhoMaySee: '', seniorManagerId: 'sm', reviewDate: '2027-11-23' },
  }),
  'record with the policy\'s words for sharing, the standing items and postponement': recordCard({
    agreementId: 'a1', sessionId: 'a1-s03', basedOn: '0', title: 'Record of supervision with Sam Worker', intro: 'Share it by Tue 8 Dec 2026.',
    shareWhy: whyOf(camden, camden.deadlines.postponementRebooked), facts: [], standingHint: 'Mark every standing item on your policy\'s agenda as addressed or not applicable.',
    standingWhy: whyOf(camden, camden.agendas[0]?.items), standingItems: [], agendaItems: [], discussion: '', discussionError: '', decisions: '', actions: [], actionIds: 'a1-s03-a1',
    supervisorName: 'Tariq Manager', superviseeName: 'Sam Worker', personalIssues: '', personalIssuesError: '', disagreementNoted: '', nextMeetingDate: '', nextMeetingError: '',
    shareTitle: 'Sign and share with Sam Worker', canMarkNotHeld: true,
    notHeldReasons: [{ title: 'An urgent situation has arisen on a case', value: 'urgent-case-situation' }], notHeldReasonsLabel: 'If postponed: the reason your policy allows',
    notHeldWhy: whyOf(camden, camden.postponement.allowedReasons),
  }),
  // Camden's welfare-first order and Sefton's prompts: each source named once, with "Why?".
  'preparation with each source\'s Why? (Camden)': preparationCardFor(upcoming(camden), []),
  'preparation with each source\'s Why? (Sefton)': preparationCardFor(upcoming(sefton), []),
  // A session cancelled in Outlook: the rebooking rule the sync's notice cites (Camden CA-D1).
  'session-postponed with the rebooking rule\'s Why?': sessionPostponedCard({
    agreementId: 'a1', sessionId: 'a1-s03', title: 'A supervision session was cancelled in Outlook', intro: 'The policy asks for a new date by Wed 30 Dec 2026 and for the reason to be recorded.',
    why: whyForCitation(camden, 'CA-D1 Camden §6 Postponement; §7 (L102, L142)'), facts: [], reasons: [], slots: [], slotLabel: 'New time',
  }),
  // The manager's digest of renderings/escalations.ts, each item with the words its citation rests on.
  'escalation with each item\'s Why?': escalationCardFor({ ...escalationDigest, items: escalationDigest.items?.map((i) => ({ ...i, why: must(whyForCitation(sefton, 'SE-F6 Sefton ¶3.8 (L90)')) })) }),
  'three-way-meeting with the escalation path\'s Why?': threeWayMeetingCard({
    superviseeId: 'sw1', concernDate: '2026-11-30', title: 'Three-way meeting about supervision', intro: 'Thank you, I have recorded that you are not getting supervision.',
    why: isSpecified(path) ? whyOf(leeds, path) : undefined, slots: [],
  }),
};
