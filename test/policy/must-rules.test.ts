import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testedRuleIds } from '../../scripts/citations/must-coverage.js';
import { buckinghamshireMust } from './must/buckinghamshire.js';
import { camdenMust } from './must/camden.js';
import { centralBedfordshireMust } from './must/central-bedfordshire.js';
import { leedsMust } from './must/leeds.js';
import { seftonMust } from './must/sefton.js';
import type { MustCase } from './helpers.js';

const tables: Record<string, readonly MustCase[]> = {
  'central-bedfordshire': centralBedfordshireMust,
  leeds: leedsMust,
  buckinghamshire: buckinghamshireMust,
  camden: camdenMust,
  sefton: seftonMust,
};

for (const [pack, cases] of Object.entries(tables)) {
  describe(`${pack}: every MUST rule of rules.md`, () => {
    for (const c of cases) it(`${c.rule} ${c.source}: ${c.title}`, c.check);
  });
}

// Whether each MUST rule of rules.md has a test here is checked by `npm run check:citations`,
// which has rules.md; it reads these tables as text, so this makes sure it sees what they name.
describe('the MUST-rule tables as check:citations reads them', () => {
  it('names exactly the rules the tables test', () => {
    const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'must');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
    const tested = Object.values(tables).flatMap((cs) => cs.map((c) => c.rule));
    expect([...testedRuleIds(sources)].sort()).toEqual([...new Set(tested)].sort());
    expect(tested.length).toBeGreaterThan(40);
  });
});
