import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { helpCard } from '../../src/cards/help-card.js';
import { renderCard } from '../../src/cards/render-card.js';
import { welcomeCard } from '../../src/cards/welcome-card.js';
import { ZWelcomeCardData } from '../../src/cards/welcome-card.js';
import { agreementCard, type AgreementCardData } from '../../src/cards/agreement-card.js';
import { agreementFormCard, type AgreementFormCardData } from '../../src/cards/agreement-form-card.js';
import { bookingConfirmationCard } from '../../src/cards/booking-confirmation-card.js';
import { sessionPostponedCard } from '../../src/cards/session-postponed-card.js';
import { agreementEndCard } from '../../src/cards/agreement-end-card.js';
import { recordsRenderings } from './renderings/records.js';
import { agendaRenderings } from './renderings/agenda.js';
import { escalationsRenderings } from './renderings/escalations.js';
import { whyRenderings } from './renderings/why.js';
import { milestonesRenderings } from './renderings/milestones.js';

// The adaptivecards package validates in Node only through its dist bundle.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

function parseEvents(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const messages: string[] = [];
  for (let i = 0; i < context.eventCount; i++) messages.push(context.getEventAt(i).message);
  return messages;
}

const noErrors = { superviseeId: '', rolePhase: '', employmentStart: '', agreementDate: '', weekday: '', time: '', minutes: '', format: '', location: '', keyTasks: '', othersWhoMaySee: '', seniorManagerId: '', reviewDate: '' };
const formData: AgreementFormCardData = {
  agreementId: '0b1e6c7e-5d0f-4c55-9d3a-3c1f0a9e2b11',
  title: 'New supervision agreement',
  intro: 'The agreement you both sign.',
  packName: 'Sefton',
  today: '2026-11-23',
  supervisees: [{ title: 'Sam Worker (Social Worker)', value: 'sw' }],
  rolePhases: [{ title: 'Social worker', value: 'social-worker/monthly' }],
  managers: [{ title: 'Dana Director', value: 'dir' }],
  superviseeId: 'sw',
  rolePhase: 'social-worker/monthly',
  employmentStart: '2024-05-01',
  agreementDate: '2026-11-23',
  weekday: '2',
  time: '10:00',
  minutes: '90',
  minutesHint: 'At least 90 minutes.',
  format: 'teams',
  location: '',
  keyTasks: 'Assessments',
  othersWhoMaySee: '',
  seniorManagerId: 'dir',
  reviewDate: '2027-11-23',
  reviewHint: 'Default: 12 months.',
  showNote: false,
  submitTitle: 'Send to the supervisee',
  verb: 'agreementSubmit',
  errors: noErrors,
};
const agreementData: AgreementCardData = {
  agreementId: '0b1e6c7e-5d0f-4c55-9d3a-3c1f0a9e2b11',
  title: 'Supervision agreement with Sam Worker',
  statusText: 'Waiting for Sam Worker to sign.',
  notice: 'Sent.',
  noticeStyle: 'good',
  facts: [{ title: 'Supervisee', value: 'Sam Worker' }],
  keyTasks: 'Assessments',
  comments: [{ who: 'Sam Worker', at: '23 Nov 2026, 19:00', text: 'Thursdays please' }],
  sessions: [{ line: '**December 2026**: Tue 1 Dec 2026, 10:00–11:30 · [Join the Teams meeting](https://teams.example/join/1)' }],
  signatures: [{ line: '**Signed by Sam Worker (supervisee)** on 23 Nov 2026, 19:02 · SHA-256 of the terms ab' }],
  hash: 'a'.repeat(64),
  hashShort: 'aaaaaaaaaaaaaaaa…',
  supervisorName: 'Tariq Manager',
  canSign: true,
  signTitle: 'I agree and sign',
  canRequestChanges: true,
  canEdit: true,
  canResend: true,
};

const rendered = {
  'agreement-form': agreementFormCard(formData),
  'agreement-form with the Teams people picker': agreementFormCard({ ...formData, peoplePicker: true }),
  'agreement-form with errors': agreementFormCard({ ...formData, errorSummary: 'Please fix the 2 fields marked below.', showNote: true, verb: 'agreementRevise', errors: { ...noErrors, minutes: 'At least 90 minutes (SE-F6 Sefton ¶3.8 (L90)).', reviewDate: 'Cannot be in the past.' } }),
  agreement: agreementCard(agreementData),
  'agreement signed, nothing to do': agreementCard({ ...agreementData, notice: '', comments: [], canSign: false, canRequestChanges: false, canEdit: false, canResend: false }),
  'booking-confirmation': bookingConfirmationCard({
    agreementId: '0b1e6c7e-5d0f-4c55-9d3a-3c1f0a9e2b11',
    title: 'Your year of supervision is booked',
    intro: '12 sessions are in both your calendars.',
    facts: [{ title: 'When', value: 'Tuesdays at 10:00' }],
    sessions: [{ line: '**December 2026**: Tue 1 Dec 2026 · [Join the Teams meeting](https://teams.example/join/1)' }],
  }),
  'agreement-end': agreementEndCard({ agreements: [{ id: 'a1', label: 'Sam Worker, from Monday 5 January 2026' }] }),
  'session-postponed': sessionPostponedCard({
    agreementId: 'a1', sessionId: 'a1-s03', title: 'A supervision session was cancelled in Outlook', intro: 'Camden asks for a new date within 3 working days.',
    facts: [{ title: 'Supervisee', value: 'Sam Worker' }], reasons: [{ id: 'urgent-case-situation', label: 'An urgent situation has arisen on a case' }],
    slots: [{ value: '2026-12-24T10:00:00Z|2026-12-24T12:00:00Z', label: 'Thu 24 Dec 2026 10:00' }], slotLabel: 'New time (by Wed 30 Dec 2026, CA-D1)',
  }),
  'session-postponed, free-text reason and no free slot': sessionPostponedCard({
    agreementId: 'a1', sessionId: 'a1-s03', title: 'A supervision session was cancelled in Outlook', intro: 'Sefton sets no day limit.', facts: [], reasons: [], slots: [], slotLabel: 'New time', error: 'Choose a new time.',
  }),
  welcome: welcomeCard({ givenName: 'Sam', councilName: 'Testshire', role: 'supervisee', facts: [{ title: 'Job title', value: 'Social Worker' }] }),
  help: helpCard([{ usage: 'help', description: 'Shows this list.' }]),
  ...recordsRenderings,
  ...agendaRenderings,
  ...escalationsRenderings,
  ...whyRenderings,
  ...milestonesRenderings,
};

describe('Adaptive Card templates (schema 1.5, what Teams renders)', () => {
  it('every template in cards/ is version 1.5 and has a renderer under test', () => {
    const files = readdirSync('cards').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const json = JSON.parse(readFileSync(`cards/${file}`, 'utf8')) as { version: string; type: string };
      expect(json.type, file).toBe('AdaptiveCard');
      expect(json.version, file).toBe('1.5');
      expect(Object.keys(rendered), `${file} has no rendering test`).toContain(file.replace(/\.json$/, ''));
    }
  });

  it.each(Object.entries(rendered))('%s card parses with no warnings and leaves no template expression unbound', (_name, card) => {
    expect(parseEvents(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('every Action.Execute carries a verb', () => {
    const actions = JSON.stringify(rendered).match(/"type":"Action\.Execute"[^}]*/g) ?? [];
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/"verb":"\w+"/);
  });

  it('refuses to render data that does not fit the card schema', () => {
    expect(() => renderCard('welcome', ZWelcomeCardData, { givenName: '', councilName: 'x', roleIntro: 'x', facts: [], offers: ['a'] })).toThrowError(/does not fit its schema/);
  });

  it('the validator would catch a broken card (the check can fail)', () => {
    expect(parseEvents({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NotAnElement' }] })).not.toEqual([]);
  });
});

describe('agreement cards', () => {
  it('an error is shown next to its field and only when there is one', () => {
    const clean = JSON.stringify(rendered['agreement-form']);
    const withErrors = JSON.stringify(rendered['agreement-form with errors']);
    expect(clean).not.toContain('"color":"Attention"');
    expect(withErrors).toContain('SE-F6 Sefton');
    const body = (rendered['agreement-form with errors'] as unknown as { body: { id?: string; text?: string }[] }).body;
    const minutesAt = body.findIndex((e) => e.id === 'minutes');
    expect(body.slice(minutesAt, minutesAt + 3).some((e) => e.text?.includes('At least 90 minutes'))).toBe(true);
  });

  it('one supervisee input either way: the list (Playground) or the Teams people picker (tenant)', () => {
    for (const [name, picker] of [['agreement-form', false], ['agreement-form with the Teams people picker', true]] as const) {
      const card = JSON.stringify(rendered[name]);
      expect(card.match(/"id":"superviseeId"/g), name).toHaveLength(1);
      expect(card.includes('Data.Query'), name).toBe(picker);
    }
  });

  it('the sign button carries the hash of the terms shown; actions disappear when there is nothing to do', () => {
    expect(JSON.stringify(rendered.agreement)).toContain(`"hash":"${'a'.repeat(64)}"`);
    const done = rendered['agreement signed, nothing to do'] as unknown as { actions?: unknown[] };
    expect(done.actions ?? []).toEqual([]);
  });
});
