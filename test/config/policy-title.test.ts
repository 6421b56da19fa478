import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';

describe('POLICY_TITLE: what the council calls its supervision policy', () => {
  it('is optional (the pack\'s title is used) and trimmed when set', () => {
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox' }).POLICY_TITLE).toBeUndefined();
    expect(parseConfig({ SUPERVISION_MODE: 'sandbox', POLICY_TITLE: '  Supervision policy ' }).POLICY_TITLE).toBe('Supervision policy');
  });

  it('refuses an empty or over-long title with a line naming it', () => {
    expect(() => parseConfig({ SUPERVISION_MODE: 'sandbox', POLICY_TITLE: '   ' })).toThrow(/POLICY_TITLE/);
    expect(() => parseConfig({ SUPERVISION_MODE: 'sandbox', POLICY_TITLE: 'x'.repeat(121) })).toThrow(/POLICY_TITLE/);
  });
});
