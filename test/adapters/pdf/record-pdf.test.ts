import { describe, expect, it } from 'vitest';
import { renderRecordPdf } from '../../../src/adapters/pdf/record-pdf.js';
import { openRecord, shareVersion } from '../../../src/domain/records/lifecycle.js';
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
