import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const policiesDir = resolve(here, '../../../shared/policies');

const cache = new Map<string, string[]>();
export function sourceLines(file: string): string[] {
  let lines = cache.get(file);
  if (!lines) {
    lines = readFileSync(resolve(policiesDir, file), 'utf8').split('\n');
    cache.set(file, lines);
  }
  return lines;
}

/** Curly quotes, dashes and runs of whitespace differ between a typed quote and the seed. */
export function normalise(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, '-').replace(/\*\*/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The text of a "L98" / "L122-L128" / "L81, L106" citation (1-based cat -n line numbers). */
export function citedText(file: string, lines: string): string {
  const all = sourceLines(file);
  const parts: string[] = [];
  for (const range of lines.split(',').map((s) => s.trim())) {
    const m = /^L(\d+)(?:-L(\d+))?$/.exec(range);
    if (!m) throw new Error(`bad lines ${lines}`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    parts.push(all.slice(a - 1, b).join(' '));
  }
  return parts.join(' ');
}

export interface CitedValue { path: string; file: string; lines: string; quote?: string }

/** Every {source:{file,lines}} with its quote, wherever it sits in a pack. */
export function collectCitations(v: unknown, path = ''): CitedValue[] {
  const out: CitedValue[] = [];
  if (Array.isArray(v)) { v.forEach((x, i) => out.push(...collectCitations(x, `${path}[${i}]`))); return out; }
  if (v === null || typeof v !== 'object') return out;
  const o = v as Record<string, unknown>;
  const src = o['source'] as Record<string, unknown> | undefined;
  if (src && typeof src['file'] === 'string' && typeof src['lines'] === 'string') {
    out.push({ path, file: src['file'], lines: src['lines'], ...(typeof o['quote'] === 'string' ? { quote: o['quote'] } : {}) });
  }
  for (const [k, x] of Object.entries(o)) if (k !== 'source') out.push(...collectCitations(x, `${path}.${k}`));
  return out;
}
