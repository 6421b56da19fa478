import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';

/**
 * Canonical JSON in the spirit of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * whitespace, arrays kept in order, `undefined` members dropped. Two parties who saw the same
 * terms therefore hash the same bytes however the objects were built (DESIGN.md "Signatures").
 * Numbers must be finite; anything JSON cannot say exactly (functions, symbols, bigint, Date,
 * class instances) is refused rather than silently coerced, because a signature over a lossy
 * rendering would not prove what was seen.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new AppError('invalid_input', `canonical JSON: ${path} is not a finite number`);
      // -0 and 0 are the same term; JSON.stringify already writes the shortest round-trip form.
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new AppError('invalid_input', `canonical JSON: ${path} is a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => (item === undefined ? 'null' : encode(item, `${path}[${i}]`))).join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new AppError('invalid_input', `canonical JSON: ${path} is not a plain object`);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodeUnits)
    .map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`)}`);
  return `{${members.join(',')}}`;
}

/** RFC 8785 §3.2.3 orders keys by UTF-16 code units, which is what `<` on strings does. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash a signature covers: SHA-256 of the canonical JSON. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
