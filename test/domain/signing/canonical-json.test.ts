import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256Hex } from '../../../src/domain/signing/canonical-json.js';

describe('canonical JSON (DESIGN.md "Signatures")', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('is the same for any key order (property)', () => {
    const arb = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })), { maxKeys: 8 });
    fc.assert(
      fc.property(arb, (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed) && contentHash(obj) === contentHash(reversed);
      }),
    );
  });

  it('drops undefined members, keeps array order, and writes -0 as 0', () => {
    expect(canonicalJson({ a: undefined, b: [2, 1], c: -0 })).toBe('{"b":[2,1],"c":0}');
  });

  it('orders keys by UTF-16 code units (RFC 8785), not locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"z":2,"é":1}');
  });

  it('refuses what JSON cannot say exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson({ big: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson({ when: new Map() })).toThrow(/plain object/);
  });

  it('hashes with SHA-256 (known vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash({})).toBe(sha256Hex('{}'));
  });
});
