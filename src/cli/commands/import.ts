import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphCalendar } from '../../adapters/graph/calendar/graph-calendar.js';
import { AppError } from '../../domain/errors.js';
import { createRepositories } from '../../repositories/index.js';
import { getPack } from '../../policy/packs.js';
import { bookOnboarding, type OnboardingProgress } from '../../usecases/onboarding/book-onboarding.js';
import { validateOnboardingRows } from '../../usecases/onboarding/onboarding-rows.js';
import { parseCsv } from '../../usecases/onboarding/parse-csv.js';
import { openRuntime } from '../runtime.js';

export interface ImportIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Record<string, string | undefined>;
  readonly signal?: AbortSignal;
}

function bar(p: OnboardingProgress): string {
  const width = 30;
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} relationships, ${p.events} events${p.failed ? `, ${p.failed} failed` : ''}`;
}

/**
 * `supervision import <file.csv>` (issue 4 item 7): validates the whole file first, reports every
 * bad row with its line and reason, books each good row through the same idempotent booking job
 * the Teams flow uses, shows progress, and can be interrupted (Ctrl-C) and re-run safely.
 * Exit codes: 0 all booked; 2 bad rows (the good ones were booked) or bad arguments; 1 a booking
 * failed; 130 interrupted.
 */
export async function importCommand(args: readonly string[], io: ImportIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: { policy: { type: 'string' }, 'dry-run': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new AppError('invalid_input', 'usage: supervision import <file.csv> [--policy <id>] [--dry-run]');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('invalid_input', `cannot read ${file}`);
  }
  const { config, storage, graph: client, directory } = openRuntime(io.env);
  const pack = getPack(values.policy ?? config.POLICY_PACK);
  const today = new Date().toISOString().slice(0, 10);
  const { valid, problems } = await validateOnboardingRows(parseCsv(text), pack, (email) => directory.getPerson(email), today);
  for (const p of problems) io.stderr(`${file}:${p.line}: ${p.reason}\n`);
  io.stderr(`${valid.length} good row(s), ${problems.length} bad row(s) in ${resolve(file)}\n`);
  if (values['dry-run'] || valid.length === 0) return problems.length > 0 ? 2 : 0;

  const { agreements } = createRepositories(storage);
  await storage.ensureCreated();
  let lastTenth = -1;
  const result = await bookOnboarding(
    { agreements, calendar: new GraphCalendar({ client }), directory, packFor: () => pack },
    valid,
    {
      source: file,
      now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (p) => {
        if (io.isTty) io.stderr(`\r${bar(p)}`);
        else if (Math.floor((p.done / p.total) * 10) !== lastTenth) {
          lastTenth = Math.floor((p.done / p.total) * 10);
          io.stderr(`${bar(p)}\n`);
        }
      },
    },
  );
  if (io.isTty) io.stderr('\n');
  for (const f of result.failures) io.stderr(`${file}:${f.line}: booking failed: ${f.reason}\n`);
  io.stdout(`${JSON.stringify({ relationships: result.done, of: result.total, events: result.events, badRows: problems.length, failed: result.failed, interrupted: result.interrupted })}\n`);
  if (result.interrupted) {
    io.stderr('interrupted: run the same command again to finish; nothing already booked will be booked twice\n');
    return 130;
  }
  if (result.failed > 0) return 1;
  return problems.length > 0 ? 2 : 0;
}
