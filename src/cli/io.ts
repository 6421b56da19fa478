import { readFileSync } from 'node:fs';
import { AppError } from '../domain/errors.js';
import { applyCouncilConfig } from '../policy/council-config.js';
import { getPack } from '../policy/packs.js';
import type { PolicyPack } from '../policy/schema.js';

/** What a command needs from the outside world; tests pass their own. */
export interface CliIo {
  readonly readFile: (path: string) => string;
}

export const nodeIo: CliIo = { readFile: (p) => readFileSync(p, 'utf8') };

export interface CommandResult {
  /** Exactly what goes to stdout (a trailing newline is added by main). */
  readonly stdout: string;
}

export function bad(message: string): AppError {
  return new AppError('invalid_input', message);
}

export function readJson(io: CliIo, path: string, what: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    throw bad(`cannot read ${what} file ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad(`${what} file ${path} is not valid JSON`);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw bad(`--${name} is required`);
  return v;
}

export function optional(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The pack, with the council's configuration applied when --config is given. */
export function packFor(io: CliIo, values: Record<string, unknown>): PolicyPack {
  const pack = getPack(required(values, 'policy'));
  const config = optional(values, 'config');
  return config === undefined ? pack : applyCouncilConfig(pack, readJson(io, config, 'council configuration') as never);
}

export function format(values: Record<string, unknown>, allowed: readonly string[], fallback: string): string {
  const f = optional(values, 'format') ?? fallback;
  if (!allowed.includes(f)) throw bad(`--format must be ${allowed.join(' or ')}`);
  return f;
}

/** Fixed-width columns: readable in a terminal and diffable in a test. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
