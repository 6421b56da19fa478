/**
 * Every MUST rule of rules.md is named by a MUST-rule behaviour test (test/policy/must/*.ts).
 * Pure: the caller reads rules.md and the test tables.
 */

/**
 * Rules rules.md lists in tables without a MUST column: Sefton's frequency table says "shall",
 * which conventions.md K13 reads as must, and Camden's postponement reasons "must only" be those
 * (CA-E2). They count as MUST wherever rules.md lists them.
 */
const ALSO_MUST = ['SE-F3', 'SE-F4', 'SE-F5', 'SE-F6', 'SE-F7', 'SE-F8', 'SE-F10', 'SE-F12', 'SE-F14', 'SE-F15', 'CA-E2'];

const RULE_ROW = /^(?:\| |- )([A-Z]{2}-[A-Z]+\d+)\b/;

/** The ids of rules.md's MUST rules: rows and bullets that say MUST, plus ALSO_MUST where listed. */
export function mustRuleIds(rulesMd: string): Set<string> {
  const listed = new Set<string>();
  const must = new Set<string>();
  for (const line of rulesMd.split('\n')) {
    const id = RULE_ROW.exec(line)?.[1];
    if (!id) continue;
    listed.add(id);
    if (/MUST/.test(line)) must.add(id);
  }
  for (const id of ALSO_MUST) if (listed.has(id)) must.add(id);
  return must;
}

/** The rule ids a MUST-rule table names (`rule: 'SE-F10'`), read from the table's source text. */
export function testedRuleIds(tableSources: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const source of tableSources) for (const m of source.matchAll(/\brule:\s*'([A-Z]{2}-[A-Z]+\d+[a-z]?)'/g)) if (m[1]) ids.add(m[1]);
  return ids;
}

export interface MustReport {
  readonly must: number;
  readonly untested: readonly string[];
}

export function mustCoverage(rulesMd: string, tested: ReadonlySet<string>): MustReport {
  const must = mustRuleIds(rulesMd);
  return { must: must.size, untested: [...must].filter((id) => !tested.has(id)).sort() };
}
