import { describe, expect, it } from 'vitest';
import { packCitations } from '../../src/policy/citations.js';
import { allPacks, getPack } from '../../src/policy/packs.js';
import { MAX_QUOTE_LENGTH, ZPolicyPack } from '../../src/policy/schema.js';

// The quotes themselves are checked against the documents by `npm run check:citations`.
describe('every citation carries the policy\'s words', () => {
  for (const pack of allPacks()) {
    const cites = packCitations(pack);
    it(`${pack.id}: each of its ${cites.length} citations has a one-line quote of at most ${MAX_QUOTE_LENGTH} characters`, () => {
      expect(cites.length).toBeGreaterThan(10);
      for (const c of cites) {
        expect(c.quote?.trim(), `${c.path} ${c.source.lines}`).toBeTruthy();
        expect(c.quote?.length, c.path).toBeLessThanOrEqual(MAX_QUOTE_LENGTH);
        expect(c.quote, c.path).not.toMatch(/[\r\n]|\*\*|\[bookmark/);
      }
    });
  }
  it('finds citations wherever they sit: values, roles, forms, requirements, floors', () => {
    const paths = packCitations(getPack('sefton')).map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['.roles[0]', '.roles[0].phases[0].frequency', '.roles[3].phases[0].frequency.value.floor', '.recordTemplates[0]', '.requirements[0]', '.caseReference.system']));
  });
  it('the pack schema refuses a citation without a quote, and an over-long one', () => {
    const copy = structuredClone(getPack('camden')) as unknown as { roles: { quote?: string }[]; deadlines: { recordShared: { quote?: string } } };
    delete copy.deadlines.recordShared.quote;
    expect(ZPolicyPack.safeParse(copy).error?.issues.map((i) => i.message)).toContain('deadlines.recordShared cites L135 without a quote: give the policy\'s sentence it rests on');
    const long = structuredClone(getPack('camden')) as unknown as { roles: { quote?: string }[] };
    long.roles[0]!.quote = 'x'.repeat(MAX_QUOTE_LENGTH + 1);
    expect(ZPolicyPack.safeParse(long).error?.issues[0]?.message).toMatch(/at most 300 characters/);
  });
});
