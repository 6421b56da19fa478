import { AppError } from '../../domain/errors.js';

/**
 * Azure Tables forbid / \ # ? and control characters in PartitionKey and RowKey, and Azurite has
 * stumbled over quotes in keys. Escaping them (and % itself, so the mapping is reversible) lets
 * callers use natural keys such as "agreement/42" without knowing about the table rules.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[%/\\#?'\u0000-\u001f\u007f-\u009f]/g;
const ESCAPED = /%([0-9A-F]{2})/g;
const MAX_KEY_CHARS = 512; // 1 KiB as UTF-16, the service's limit.

export function encodeKey(key: string, what: string): string {
  if (key.length === 0) throw new AppError('invalid_input', `${what}: key must not be empty`);
  const encoded = key.replace(FORBIDDEN, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (encoded.length > MAX_KEY_CHARS) throw new AppError('invalid_input', `${what}: key is too long`);
  return encoded;
}

export function decodeKey(encoded: string): string {
  return encoded.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function assertTableName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name)) {
    throw new AppError('invalid_input', `table name "${name}" must be 3–63 letters or digits, starting with a letter`);
  }
}

/** Queue and container names share these rules. */
export function assertQueueOrContainerName(name: string): void {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    throw new AppError('invalid_input', `name "${name}" must be 3–63 lowercase letters, digits or single hyphens`);
  }
}
