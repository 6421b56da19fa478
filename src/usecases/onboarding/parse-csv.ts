/**
 * A small RFC 4180 reader: comma-separated, double-quoted fields that may hold commas, quotes
 * ("") and line breaks. Each record keeps the line it starts on, so errors can name it.
 */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.replace(/^\uFEFF/, '');
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let sawAnything = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      sawAnything = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      sawAnything = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      if (sawAnything || field !== '') records.push({ line: recordLine, fields: [...fields, field] });
      fields = [];
      field = '';
      sawAnything = false;
      line++;
      recordLine = line;
    } else {
      field += c;
      sawAnything = true;
    }
  }
  if (sawAnything || field !== '') records.push({ line: recordLine, fields: [...fields, field] });
  return records;
}
