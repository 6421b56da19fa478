import { describe, expect, it } from 'vitest';
import { renderRecordPdf } from '../../../src/adapters/pdf/record-pdf.js';
import { caseCategoriesOf } from '../../../src/domain/records/case-categories.js';
import { openRecord, shareVersion, signAsSupervisee } from '../../../src/domain/records/lifecycle.js';
import { getPack } from '../../../src/policy/packs.js';
import { pdfText } from './pdf-text.js';
import { defaultSupervisee, defaultSupervisor, finalRecord, recordContent } from './record-fixture.js';

const labels = { councilName: 'Northshire County Council', policyName: 'Sefton Council Supervision Policy', templateName: 'Personal Reflective/Welfare Supervision record', retention: 'Whole employment, then 7 years after leaving (Sefton ¶10 (L279))' };

describe('record PDF (issue 5 item 4)', () => {
  it('holds the names, items, actions, the disagreement, both signatures and the record\'s fingerprint, in words people read (issue 15 item 3)', async () => {
    const record = finalRecord();
    const final = record.versions.at(-1)!;
    const { text } = await pdfText(await renderRecordPdf(record, labels));
    for (const expected of [
      'Northshire County Council',
      'Supervision record',
      `Supervisee: ${defaultSupervisee.name}`,
      `Supervisor: ${defaultSupervisor.name}`,
      'Session date: Tuesday 2 June 2026',
      'Policy: Sefton Council Supervision Policy',
      'Record template: Personal Reflective/Welfare Supervision record',
      'Version: 2 of 2',
      // Central Bedfordshire §12 (L126): every standing item addressed or not applicable.
      '1. How am I managing my work?',
      'Status: Addressed',
      '2. Training and development',
      'Status: Not applicable',
      'Court statement deadline (case LCS 123456)',
      'Statement to be drafted by Monday.',
      // Sefton App 3 (L662): owner and due date.
      '1. Draft the court statement',
      `Owner: ${defaultSupervisee.name}`,
      'Due: Friday 12 June 2026',
      'Due: Wednesday 10 June 2026',
      'Personal issues discussed: Yes',
      // BIC 532 cl.10 (L250): the disagreement with version 1 stays part of the record, with who and when.
      `Version 1: ${defaultSupervisee.name} disagreed on Wednesday 3 June 2026, 10:10`, // London time (BST)
      'The statement deadline was agreed as Monday, not Friday.',
      'Signed: Thursday 4 June 2026, 09:20',
      `its fingerprint is ${final.hash.slice(0, 12)}…`,
      'Page 1 of',
    ]) {
      expect(text).toContain(expected);
    }
    expect(final.hash).toMatch(/^[0-9a-f]{64}$/);
    // The whole hash, the signers' ids and ISO dates are in the JSON filed beside it, not on the page.
    const flat = text.replace(/\s+/g, '');
    expect(flat).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain(defaultSupervisor.id);
    expect(text).not.toContain(defaultSupervisee.id);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('is byte-for-byte the same on a re-run, and carries the record’s dates, not the clock’s', async () => {
    const record = finalRecord();
    const a = await renderRecordPdf(record, labels);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await renderRecordPdf(record, labels);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const raw = Buffer.from(a).toString('latin1');
    expect(raw).toContain('/CreationDate (D:20260603153000Z)');
    expect(raw).toContain('/ModDate (D:20260604082000Z)');
  });

  it('wraps long text and breaks pages; characters the standard fonts lack do not stop it', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i + 1} of a long discussion about workload and reflective practice.`).join(' ');
    const record = finalRecord({ content: { discussion: `${long}\nNew paragraph with a ${'x'.repeat(300)} very long word and an emoji 🙂 and Łódź.` }, disagreement: false });
    const { text, pages } = await pdfText(await renderRecordPdf(record, labels));
    expect(pages).toBeGreaterThan(2);
    const flowing = text.replace(/\n/g, ' ');
    expect(flowing).toContain('Sentence 1 of a long discussion');
    expect(flowing).toContain('Sentence 400 of a long discussion');
    expect(flowing).toContain('and an emoji ? and ?');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('Personal issues discussed: Yes');
    expect(text).toContain(record.versions.at(-1)!.hash.slice(0, 12));
  });

  // Camden §6 (L122-L128) CA-D4: every allocated case is discussed at a cadence set by its category,
  // so the filed record shows each case discussion by reference and category, in the pack's words.
  it('lists the case discussions: reference, category in the pack\'s words, what was discussed, closed cases (issue 14 item 2; Camden §6 (L122-L128))', async () => {
    const camden = Object.fromEntries(caseCategoriesOf(getPack('camden')).map((c) => [c.id, c.label]));
    const record = finalRecord({
      disagreement: false,
      content: {
        agendaItems: [
          { text: 'Planning for the review conference', caseRef: '1234567', category: 'child-protection', discussed: true },
          { text: 'Pathway plan', caseRef: '7654321', category: 'care-leaver', discussed: true, closed: true },
          { text: 'Contact arrangements', caseRef: '5550001', category: 'cin', discussed: false },
          { text: 'Team training day' },
        ],
      },
    });
    const { text } = await pdfText(await renderRecordPdf(record, { ...labels, policyName: 'Camden supervision policy', caseCategories: camden }));
    const section = text.slice(text.indexOf('Case discussions'), text.indexOf('Discussion\n'));
    expect(section).toContain('1. Case 1234567');
    expect(section).toContain('Category: Child protection');
    expect(section).toContain('Discussed at this session: Planning for the review conference');
    expect(section).toContain('2. Case 7654321');
    expect(section).toContain('Category: 18+ care leaver');
    expect(section).toContain('Case closed or transferred: Yes');
    expect(section).toContain('3. Case 5550001');
    expect(section).toContain('Category: Child in need');
    expect(section).toContain('Discussed at this session: No (on the agenda: Contact arrangements)');
    // Not a case: only under the agenda items.
    expect(section).not.toContain('Team training day');
    // The pack's words, never its ids.
    expect(section).not.toMatch(/child-protection|care-leaver|\bcin\b/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says so when no case was on the agenda', async () => {
    const { text } = await pdfText(await renderRecordPdf(finalRecord({ disagreement: false, content: { agendaItems: [{ text: 'Team training day' }] } }), labels));
    expect(text).toContain('Case discussions\nNo case was on the agenda.');
  });

  // Sefton ¶3.14 (L102): the ASYE reviews at 3, 6 and 12 months; ¶6.2 (L228) signed by both.
  it('a review or milestone\'s record reads as itself: its name, the day booked and the day it took place, the outcome, both signatures (issue 14 item 1)', async () => {
    let record = openRecord({ agreementId: 'agr-fixture', sessionId: 'agr-fixture-m-asye-review-month-3', sessionDate: '2026-09-01', policyId: 'sefton', kind: 'asye-review', templateId: 'asye-review', supervisor: defaultSupervisor, supervisee: defaultSupervisee }, '2026-09-01T10:00:00Z');
    const content = { standingItems: [], agendaItems: [], discussion: 'On track against the learning agreement.', decisions: '', actions: [], personalIssuesDiscussed: false, milestone: { kind: 'asye-review' as const, label: 'ASYE review at 3 months', heldOn: '2026-09-02', outcome: 'On track against the learning agreement.' } };
    record = shareVersion(record, defaultSupervisor, content, 0, '2026-09-02T15:00:00Z');
    record = signAsSupervisee(record, defaultSupervisee, record.versions[0]!.hash, '2026-09-03T09:00:00Z');
    const { text } = await pdfText(await renderRecordPdf(record, { ...labels, templateName: 'ASYE review at 3 months record' }));
    for (const expected of [
      'ASYE review at 3 months',
      'Booked for: Tuesday 1 September 2026',
      'Took place on: Wednesday 2 September 2026',
      'Outcome\nOn track against the learning agreement.',
      'Signed: Thursday 3 September 2026, 10:00',
      'ASYE review at 3 months record, Amara Fellgate, Tuesday 1 September 2026, version 1. Page 1 of 1',
    ]) expect(text).toContain(expected);
    // None of a supervision session's sections, which would read as empty.
    for (const absent of ['Supervision record', 'Standing items', 'Agenda items', 'Case discussions', 'Personal issues discussed', 'None agreed']) expect(text).not.toContain(absent);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|asye-review/);
  });

  it('refuses a record that is not signed by both', async () => {
    const shared = shareVersion(
      openRecord({ agreementId: 'a', sessionId: 'a-s01', sessionDate: '2026-06-02', policyId: 'sefton', templateId: 't', supervisor: defaultSupervisor, supervisee: defaultSupervisee }, '2026-06-02T11:00:00Z'),
      defaultSupervisor,
      recordContent(),
      0,
      '2026-06-02T12:00:00Z',
    );
    await expect(renderRecordPdf(shared, labels)).rejects.toThrow(/not final/);
  });
});
