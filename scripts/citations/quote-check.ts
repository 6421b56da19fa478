import { packCitations, type PackCitation } from '../../src/policy/citations.js';
import { citedText, normalise, parseLines, rangeProblem } from './source-text.js';

/** A pack as far as this check needs it: its id, its document and whatever cites it. */
export interface CheckedPack {
  readonly id: string;
  readonly sourceFile: string;
}

export interface QuoteReport {
  readonly pack: string;
  readonly citations: number;
  /** How many citations have at least one problem. */
  readonly failing: number;
  readonly problems: readonly string[];
}

/** What is wrong with one citation against the pack's document (nothing: an empty list). */
function citationProblems(c: PackCitation, pack: CheckedPack, documentLines: readonly string[]): string[] {
  const where = `${c.path || '(pack)'} ${c.source.lines}`;
  const problems: string[] = [];
  if (c.source.file !== pack.sourceFile) problems.push(`${where}: cites ${c.source.file}, not the pack's document ${pack.sourceFile}`);
  const ranges = parseLines(c.source.lines);
  if (!ranges) return [...problems, `${where}: lines are not written like "L98", "L122-L128" or "L81, L106"`];
  const outside = ranges.map((r) => rangeProblem(r, documentLines.length)).filter((p): p is string => p !== undefined);
  if (outside.length > 0) return [...problems, ...outside.map((p) => `${where}: ${p}`)];
  if (c.quote === undefined || c.quote.trim() === '') return [...problems, `${where}: no quote`];
  if (!normalise(citedText(documentLines, ranges)).includes(normalise(c.quote))) {
    problems.push(`${where}: quote not found in the cited lines: "${c.quote}"`);
  }
  return problems;
}

/**
 * Every citation of one pack against its document: the file is the pack's own, every line it
 * names exists, and its quote is found, word for word, in the lines it cites.
 */
export function checkPackQuotes(pack: CheckedPack, documentLines: readonly string[]): QuoteReport {
  const cites = packCitations(pack);
  const perCitation = cites.map((c) => citationProblems(c, pack, documentLines));
  return { pack: pack.id, citations: cites.length, failing: perCitation.filter((p) => p.length > 0).length, problems: perCitation.flat() };
}
