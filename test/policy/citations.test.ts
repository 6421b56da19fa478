import { describe, expect, it } from 'vitest';
import { allPacks } from '../../src/policy/packs.js';
import { citedText, collectCitations, normalise, sourceLines } from './source-text.js';

describe('every cited value quotes the lines it cites (faithfulness)', () => {
  for (const pack of allPacks()) {
    const cites = collectCitations(pack);
    it(`${pack.id}: ${cites.length} citations point inside ${pack.sourceFile} and quotes match`, () => {
      const n = sourceLines(pack.sourceFile).length;
      for (const c of cites) {
        expect(c.file, c.path).toBe(pack.sourceFile);
        for (const m of c.lines.matchAll(/L(\d+)/g)) expect(Number(m[1]), `${c.path} ${c.lines}`).toBeLessThanOrEqual(n);
        if (c.quote) expect(normalise(citedText(c.file, c.lines)), `${c.path}: "${c.quote}" not in ${c.lines}`).toContain(normalise(c.quote));
      }
    });
  }
});
