import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/usecases/onboarding/parse-csv.js';

describe('CSV reader for the onboarding file', () => {
  it('reads plain rows with their line numbers, skipping blank lines', () => {
    expect(parseCsv('a,b\n1,2\n\n3,4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('handles quotes, embedded commas, doubled quotes, CRLF, a BOM and a line break inside quotes', () => {
    const records = parseCsv('\uFEFFname,note\r\n"Smith, Jo","said ""hi"""\r\n"two\nlines",x\r\nlast,y');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, Jo', 'said "hi"'] },
      { line: 3, fields: ['two\nlines', 'x'] },
      { line: 5, fields: ['last', 'y'] },
    ]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n,,\n')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });
});
