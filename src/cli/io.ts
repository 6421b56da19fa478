import { readFileSync } from 'node:fs';
import { AppError } from '../domain/errors.js';
import type { WorkingCalendar } from '../domain/calendar/types.js';
import { createWorkingCalendar } from '../domain/calendar/working-calendar.js';
import { applyCouncilConfig, ZCouncilConfig } from '../policy/council-config.js';
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
  /**
   * Warnings for the person at the terminal ("warning: …" lines) when the command still did its
   * work (a session shorter than a *should* minimum, issue 14 f); never on stdout, so JSON stays JSON.
   */
  readonly warnings?: readonly string[];
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

/**
 * The pack and working calendar, with the council's configuration (values, nation, closure
 * days) applied when --config is given.
 */
export function packFor(io: CliIo, values: Record<string, unknown>): { pack: PolicyPack; calendar: WorkingCalendar } {
  const pack = getPack(required(values, 'policy'));
  const path = optional(values, 'config');
  if (path === undefined) return { pack, calendar: createWorkingCalendar({ nation: pack.nation }) };
  const parsed = ZCouncilConfig.safeParse(readJson(io, path, 'council configuration'));
  if (!parsed.success) throw bad(`invalid council configuration ${path}: ${parsed.error.issues[0]?.message ?? 'unknown error'}`);
  const configured = applyCouncilConfig(pack, parsed.data);
  return { pack: configured, calendar: createWorkingCalendar({ nation: configured.nation, closureDays: parsed.data.closureDays }) };
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
