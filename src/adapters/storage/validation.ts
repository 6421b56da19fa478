import type { ZodType } from 'zod';
import { AppError } from '../../domain/errors.js';

/** Issue paths and messages only: the offending values may be personal data. */
function summarise(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/** A value on its way into storage: a mismatch is the caller's mistake. */
export function parseOutgoing<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('invalid_input', `${what}: value does not match its schema`, { issues: summarise(result.error.issues) });
}

/** A value read back from storage: a mismatch means stored data drifted from the code. */
export function parseIncoming<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('internal', `${what}: stored data does not match its schema`, { issues: summarise(result.error.issues) });
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('internal', `${what}: stored data is not valid JSON`);
  }
}

/**
 * JSON with every non-ASCII character written as a \u escape. Azurite 3.35 corrupts multi-byte
 * UTF-8 characters that straddle a 64 KiB boundary of a large entity body; pure ASCII cannot be
 * split that way, and JSON.parse restores the text exactly.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
