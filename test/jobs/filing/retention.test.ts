import { describe, expect, it } from 'vitest';
import { retentionFor } from '../../../src/jobs/filing/retention.js';
import { getPack } from '../../../src/policy/packs.js';

describe('retention of a filed record', () => {
  it('Sefton ¶10 (L279): 7 years after leaving; no date while the leaving date is unknown', () => {
    const sefton = getPack('sefton');
    const unknown = retentionFor(sefton);
    expect(unknown.retainUntil).toBeUndefined();
    expect(unknown.rule).toContain('7 years');
    // As people read it (issue 15 item 3): the policy's paragraph, the council's own name, no rule id or line.
    expect(unknown.rule).toBe('Kept for the whole period of employment, accessible to supervisor and supervisee; archived on leaving the council and retained for 7 years (Supervision - Supporting Employees in a Challenging Social Care Environment, paragraph 10)');
    expect(retentionFor(sefton, undefined, 'Northshire County Council').rule).toContain('archived on leaving Northshire County Council and retained');
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
      expect(r.rule).not.toMatch(/Leeds|Buckinghamshire|Camden|L\d|§/);
    }
  });
});
