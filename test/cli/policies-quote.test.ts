import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { packCitations } from '../../src/policy/citations.js';
import { allPacks, getPack } from '../../src/policy/packs.js';

describe('supervision policies --quote: every cited rule with the policy\'s words', () => {
  it('lists each pack under its title, each rule as its citation and slot, then the quoted sentence', () => {
    const out = runCli(['policies', '--quote', '--policy', 'sefton']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('sefton: Supervision - Supporting Employees in a Challenging Social Care Environment (004_f3666fb7e60c0824.txt)');
    const at = lines.indexOf('  SE-F10 Sefton ¶3.12 (L98) · roles.nqsw.phases.fortnightly.frequency');
    expect(lines[at + 1]).toBe('    “The frequency of supervision for all newly qualified social workers is once a week for the first six weeks; once a fortnight for the next six months and monthly thereafter.”');
    expect(lines).toHaveLength(1 + 2 * packCitations(getPack('sefton')).length);
  });

  it('as JSON: every citation of every pack with its rule id, lines, label and quote', () => {
    const rows = JSON.parse(runCli(['policies', '--quote', '--format', 'json']).stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(allPacks().reduce((n, p) => n + packCitations(p).length, 0));
    expect(rows).toContainEqual({
      policy: 'camden', where: 'postponement.allowedReasons', rule: 'CA-E2', citation: 'CA-E2 Camden §6 Postponement (L102)',
      label: 'Social work supervision policy, section 6, Postponement',
      quote: 'Supervision must only be postponed because an urgent situation has arisen on a case, or the social worker or manager is on sick leave.',
    });
    for (const r of rows) expect(r['quote'], String(r['where'])).not.toBe('');
  });

  it('an unknown policy is bad input (exit 2, one line on stderr)', () => {
    const out = runCli(['policies', '--quote', '--policy', 'york']);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toMatch(/^unknown policy "york"/);
  });
});
