import { PDFFont } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRecordPdf } from '../../../src/adapters/pdf/record-pdf.js';
import { pdfText } from './pdf-text.js';
import { finalRecord } from './record-fixture.js';

const labels = { councilName: 'Northshire County Council' };

/**
 * How much text the renderer measures, in characters, instead of how long it takes: the wrap
 * used to measure every shorter cut of a long word again and again (about n³ work), which a
 * 4,000-character word turned into seconds of a frozen process. Past the budget the spy throws,
 * so the old behaviour fails at once rather than by a timeout.
 */
function measuredCharacters(budget: number): { count: () => number } {
  let measured = 0;
  const original = PDFFont.prototype.widthOfTextAtSize;
  vi.spyOn(PDFFont.prototype, 'widthOfTextAtSize').mockImplementation(function (this: PDFFont, text: string, size: number) {
    measured += text.length;
    if (measured > budget) throw new Error(`measured more than ${budget} characters`);
    return original.call(this, text, size);
  });
  return { count: () => measured };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('record PDF with hostile text (issue 16 H1)', () => {
  it('H1: a 20,000-character unbroken word in the discussion is measured a bounded number of times and wrapped onto many lines', async () => {
    const word = 'x'.repeat(20_000);
    const record = finalRecord({ content: { discussion: word, decisions: 'y'.repeat(20_000) } });
    // Everything else on the record is a few thousand characters; the two long words are 40,000.
    const spy = measuredCharacters(200_000);
    const pdf = await renderRecordPdf(record, labels);
    expect(spy.count()).toBeGreaterThan(0);
    const { text } = await pdfText(pdf);
    // Every character made it onto a page, cut into lines of the page's width.
    expect(text.replace(/[^x]/g, '').length).toBe(20_000);
    expect(text).toContain('Supervision record');
  });

  it('H1: a long word in every free-text field at its largest allowed size still renders with linear work', async () => {
    const long = (n: number, ch: string) => ch.repeat(n);
    const record = finalRecord({
      content: {
        discussion: long(20_000, 'a'),
        decisions: long(20_000, 'b'),
        disagreementNoted: long(4_000, 'c'),
        standingItems: [{ number: 1, text: long(300, 'd'), status: 'addressed', notes: long(4_000, 'e') }],
        agendaItems: [{ text: long(1_000, 'f'), caseRef: 'LCS 123456' }],
      },
    });
    const spy = measuredCharacters(300_000);
    const pdf = await renderRecordPdf(record, labels);
    expect(pdf.byteLength).toBeGreaterThan(1000);
    expect(spy.count()).toBeLessThan(300_000);
  });
});
