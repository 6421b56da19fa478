/**
 * Reading a policy document the way its citations count lines: `cat -n` numbering, 1-based,
 * every '\n' a line. Pure: the caller reads the file.
 */

/**
 * What may differ between a quote typed into a pack and the document: curly quotes, dashes,
 * emphasis markers and runs of whitespace (a sentence may wrap across cited lines), and case.
 */
export function normalise(s: string): string {
  return s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\*+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/** "L98", "L122-L128" or "L81, L106" as ranges; undefined when the text is not in that form. */
export function parseLines(lines: string): LineRange[] | undefined {
  const out: LineRange[] = [];
  for (const part of lines.split(',').map((s) => s.trim())) {
    const m = /^L(\d+)(?:-L(\d+))?$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    out.push({ from, to: m[2] ? Number(m[2]) : from });
  }
  return out;
}

/** Why a range cannot be read in a document of `count` lines, or undefined when it can. */
export function rangeProblem(r: LineRange, count: number): string | undefined {
  if (r.from < 1 || r.to < r.from) return `L${r.from}-L${r.to} is not a range of lines`;
  if (r.to > count) return `L${r.to} is past the end of the document (${count} lines)`;
  return undefined;
}

/** A document's lines as `cat -n` numbers them (a final newline ends the last line, it adds none). */
export function documentLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text of the cited ranges, joined with spaces (the document is given as its lines). */
export function citedText(documentLines: readonly string[], ranges: readonly LineRange[]): string {
  return ranges.map((r) => documentLines.slice(r.from - 1, r.to).join(' ')).join(' ');
}
