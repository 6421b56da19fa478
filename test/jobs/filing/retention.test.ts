import { describe, expect, it } from 'vitest';
import { retentionFor } from '../../../src/jobs/filing/retention.js';
import { getPack } from '../../../src/policy/packs.js';

describe('retention of a filed record', () => {
  it('Sefton ¶10 (L279): 7 years after leaving; no date while the leaving date is unknown', () => {
    const sefton = getPack('sefton');
    const unknown = retentionFor(sefton);
    expect(unknown.retainUntil).toBeUndefined();
    expect(unknown.rule).toContain('7 years');
    expect(unknown.rule).toContain('Sefton ¶10 (L279)');
    expect(retentionFor(sefton, '2030-03-31').retainUntil).toBe('2037-03-31');
    expect(retentionFor(sefton, '2032-02-29').retainUntil).toBe('2039-02-28');
  });

  it('Central Bedfordshire §13 (L149) gives a rule but no years; Leeds, Buckinghamshire, Camden give none', () => {
    const cb = retentionFor(getPack('central-bedfordshire'), '2030-03-31');
    expect(cb.retainUntil).toBeUndefined();
    expect(cb.rule).toContain('Human Resources');
    for (const id of ['leeds', 'buckinghamshire', 'camden']) {
      const r = retentionFor(getPack(id), '2030-03-31');
      expect(r.retainUntil).toBeUndefined();
      expect(r.rule).toMatch(/gives no retention period/);
    }
  });
});
