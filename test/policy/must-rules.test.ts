import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buckinghamshireMust } from './must/buckinghamshire.js';
import { camdenMust } from './must/camden.js';
import { centralBedfordshireMust } from './must/central-bedfordshire.js';
import { leedsMust } from './must/leeds.js';
import { seftonMust } from './must/sefton.js';
import type { MustCase } from './helpers.js';
import { policiesDir } from './source-text.js';

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

describe('coverage of rules.md', () => {
  const rules = readFileSync(resolve(policiesDir, 'rules.md'), 'utf8');
  // Rows and bullets rules.md marks MUST, plus Sefton's 'shall' frequency table (K13: shall is must).
  const marked = new Set<string>();
  for (const line of rules.split('\n')) {
    const m = /^(?:\| |- )((?:CB|LE|BU|CA|SE)-[A-Z]+\d+)\b/.exec(line);
    if (m?.[1] && /MUST/.test(line)) marked.add(m[1]);
  }
  for (const id of ['SE-F3', 'SE-F4', 'SE-F5', 'SE-F6', 'SE-F7', 'SE-F8', 'SE-F10', 'SE-F12', 'SE-F14', 'SE-F15', 'CA-E2']) marked.add(id);

  it(`has a test for each of the ${marked.size} MUST rules`, () => {
    const tested = new Set(Object.values(tables).flatMap((cs) => cs.map((c) => c.rule)));
    expect([...marked].filter((id) => !tested.has(id)).sort()).toEqual([]);
    expect(marked.size).toBeGreaterThan(40);
  });
});
