/**
 * `npm run check:citations -- <folder>`: the checks that need the source policy documents, which
 * are not part of the repository (so `npm test` never reads them). Given the folder that holds the
 * documents and rules.md, it checks that every quote in every pack is in the lines it cites, that
 * every line reference is inside its document, and that every MUST rule of rules.md is named by a
 * MUST-rule behaviour test (test/policy/must/*.ts). Exit code 0 when all hold, 1 otherwise.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allPacks } from '../src/policy/packs.js';
import { mustCoverage, testedRuleIds } from './citations/must-coverage.js';
import { checkPackQuotes, type CheckedPack } from './citations/quote-check.js';
import { documentLines } from './citations/source-text.js';

const here = dirname(fileURLToPath(import.meta.url));
const MUST_TABLES = resolve(here, '../test/policy/must');
const USAGE = 'Usage: npm run check:citations -- <folder with the policy documents and rules.md>, e.g. npm run check:citations -- ../shared/policies';

export interface CheckOptions {
  /** The packs to check (default: the five that ship). */
  readonly packs?: readonly CheckedPack[];
  /** Rule ids the MUST-rule tests name (default: read from test/policy/must/*.ts). */
  readonly testedRules?: ReadonlySet<string>;
}

export interface CheckResult {
  readonly ok: boolean;
  /** What to print, one line each. */
  readonly lines: readonly string[];
}

function readTables(): Set<string> {
  const files = readdirSync(MUST_TABLES).filter((f) => f.endsWith('.ts')).sort();
  return testedRuleIds(files.map((f) => readFileSync(join(MUST_TABLES, f), 'utf8')));
}

/** Runs every check against the folder; never throws for a problem it can describe. */
export function checkCitations(folder: string, options: CheckOptions = {}): CheckResult {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { ok: false, lines: [`There is no folder ${dir}. Give the folder that holds the policy documents and rules.md.`, USAGE] };
  }
  const lines = [`Checking citations against ${dir}`];
  let problems = 0;
  for (const pack of options.packs ?? allPacks()) {
    const file = join(dir, pack.sourceFile);
    if (!existsSync(file)) {
      lines.push(`  ${pack.id}: its document ${pack.sourceFile} is not in the folder`);
      problems += 1;
      continue;
    }
    const report = checkPackQuotes(pack, documentLines(readFileSync(file, 'utf8')));
    problems += report.problems.length;
    lines.push(report.problems.length === 0
      ? `  ${pack.id}: ${report.citations} citations, every quote found in the lines it cites`
      : `  ${pack.id}: ${report.failing} of ${report.citations} citations do not check out`);
    lines.push(...report.problems.map((p) => `    ${p}`));
  }
  const rulesFile = join(dir, 'rules.md');
  if (!existsSync(rulesFile)) {
    lines.push('  rules.md is not in the folder, so the MUST rules cannot be checked');
    problems += 1;
  } else {
    const report = mustCoverage(readFileSync(rulesFile, 'utf8'), options.testedRules ?? readTables());
    problems += report.untested.length;
    lines.push(report.untested.length === 0
      ? `  rules.md: ${report.must} MUST rules, each named by a MUST-rule test`
      : `  rules.md: ${report.untested.length} of ${report.must} MUST rules have no MUST-rule test (test/policy/must/*.ts): ${report.untested.join(', ')}`);
  }
  lines.push(problems === 0 ? 'All citations check out.' : `${problems} problem${problems === 1 ? '' : 's'} found.`);
  return { ok: problems === 0, lines };
}

export function main(args: readonly string[]): number {
  const [folder, ...rest] = args;
  if (folder === undefined || folder === '' || rest.length > 0 || folder.startsWith('-')) {
    console.error(USAGE);
    return 1;
  }
  const result = checkCitations(folder);
  (result.ok ? console.log : console.error)(result.lines.join('\n'));
  return result.ok ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
