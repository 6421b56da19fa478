import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey } from '../../../src/adapters/storage/keys.js';

describe('table key encoding', () => {
  it('is reversible and never emits a character Azure Tables forbid', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }), (key) => {
        const encoded = encodeKey(key, 'test');
        // eslint-disable-next-line no-control-regex
        expect(encoded).not.toMatch(/[/\\#?'\u0000-\u001f\u007f-\u009f]/);
        expect(decodeKey(encoded)).toBe(key);
      }),
    );
  });

  it('leaves ordinary ids readable', () => {
    expect(encodeKey('agreement-42.session_3', 'test')).toBe('agreement-42.session_3');
    expect(encodeKey('a/b#c', 'test')).toBe('a%2Fb%23c');
  });

  it('refuses empty and over-long keys', () => {
    expect(() => encodeKey('', 'test')).toThrow(/empty/);
    expect(() => encodeKey('x'.repeat(513), 'test')).toThrow(/too long/);
  });
});
