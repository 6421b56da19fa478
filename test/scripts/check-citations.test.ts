import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCitations } from '../../scripts/check-citations.js';
import { mustRuleIds } from '../../scripts/citations/must-coverage.js';
import type { CheckedPack } from '../../scripts/citations/quote-check.js';

// A made-up policy, its rules.md and a pack citing it: the real documents are not in the repository.
const here = dirname(fileURLToPath(import.meta.url));
const folder = resolve(here, 'fixtures/policies');
const goodPack = (): CheckedPack & Record<string, unknown> => JSON.parse(readFileSync(resolve(here, 'fixtures/northshire-pack.json'), 'utf8')) as CheckedPack & Record<string, unknown>;
const allTested = new Set(['NS-F1', 'NS-D1']);

describe('check:citations (the checks that need the source documents)', () => {
  it('passes when every quote is in its lines, every line exists and every MUST rule has a test', () => {
    const r = checkCitations(folder, { packs: [goodPack()], testedRules: allTested });
    expect(r.lines).toEqual([
      `Checking citations against ${folder}`,
      '  northshire: 4 citations, every quote found in the lines it cites',
      '  rules.md: 2 MUST rules, each named by a MUST-rule test',
      'All citations check out.',
    ]);
    expect(r.ok).toBe(true);
  });

  it('reads MUST rows and bullets of rules.md, not SHOULD ones', () => {
    expect([...mustRuleIds(readFileSync(resolve(folder, 'rules.md'), 'utf8'))].sort()).toEqual(['NS-D1', 'NS-F1']);
  });

  it('fails, saying where, for a quote not in its lines, a line past the end, a missing quote, another file and an untested MUST rule', () => {
    const pack = goodPack() as unknown as {
      roles: { quote?: string; frequency: { quote?: string; source: { lines: string; file: string } } }[];
      recordShared: { source: { file: string } };
    } & CheckedPack;
    pack.roles[0]!.frequency.quote = 'must receive supervision at least weekly';
    pack.roles[1]!.frequency.source.lines = 'L60';
    delete pack.roles[0]!.quote;
    pack.recordShared.source.file = 'elsewhere.txt';
    const r = checkCitations(folder, { packs: [pack], testedRules: new Set(['NS-F1']) });
    expect(r.ok).toBe(false);
    expect(r.lines).toEqual([
      `Checking citations against ${folder}`,
      '  northshire: 4 of 4 citations do not check out',
      '    .roles[0] L4-L5: no quote',
      '    .roles[0].frequency L4: quote not found in the cited lines: "must receive supervision at least weekly"',
      '    .roles[1].frequency L60: L60 is past the end of the document (9 lines)',
      '    .recordShared L3, L9: cites elsewhere.txt, not the pack\'s document northshire.txt',
      '  rules.md: 1 of 2 MUST rules have no MUST-rule test (test/policy/must/*.ts): NS-D1',
      '5 problems found.',
    ]);
  });

  it('says so plainly when the folder or a document is missing', () => {
    const missing = resolve(here, 'fixtures/no-such-folder');
    expect(checkCitations(missing, { packs: [goodPack()], testedRules: allTested })).toEqual({
      ok: false,
      lines: [`There is no folder ${missing}. Give the folder that holds the policy documents and rules.md.`, expect.stringMatching(/^Usage: npm run check:citations -- <folder/)],
    });
    const r = checkCitations(folder, { packs: [{ ...goodPack(), sourceFile: 'other.txt' }], testedRules: allTested });
    expect(r.ok).toBe(false);
    expect(r.lines).toContain('  northshire: its document other.txt is not in the folder');
  });

  it('as a command: exit code 1 and a plain-English line on stderr for a missing folder', async () => {
    const run = promisify(execFile);
    const tsx = resolve(here, '../../node_modules/.bin/tsx');
    const failed = await run(tsx, [resolve(here, '../../scripts/check-citations.ts'), resolve(here, 'fixtures/no-such-folder')]).then(() => undefined, (e: unknown) => e as { code: number; stderr: string; stdout: string });
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr).toMatch(/^There is no folder .*no-such-folder\. Give the folder that holds the policy documents and rules\.md\./);
  });
});
