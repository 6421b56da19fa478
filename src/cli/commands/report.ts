import { parseArgs } from 'node:util';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import { isAppError } from '../../domain/errors.js';
import type { Directory } from '../../domain/people/person.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import type { EscalationSettings } from '../../domain/escalation/index.js';
import type { PolicyPack } from '../../policy/schema.js';
import { createRepositories, type RepositoryStorage } from '../../repositories/index.js';
import { complianceCsv, complianceReport, type ComplianceDeps, type ComplianceQuery } from '../../usecases/compliance/index.js';
import { bad, type CommandResult } from '../io.js';

/** `supervision report --from <date> --to <date> [--team <managerId>]`. Throws AppError invalid_input on bad input. */
export function parseReportArgs(args: readonly string[]): ComplianceQuery {
  const { values } = parseArgs({
    args: [...args],
    options: { from: { type: 'string' }, to: { type: 'string' }, team: { type: 'string' } },
    strict: true, allowPositionals: false,
  });
  const from = values.from;
  const to = values.to;
  if (from === undefined || from === '') throw bad('--from is required');
  if (to === undefined || to === '') throw bad('--to is required');
  if (!isLocalDate(from)) throw bad(`--from "${from}" is not a date written YYYY-MM-DD`);
  if (!isLocalDate(to)) throw bad(`--to "${to}" is not a date written YYYY-MM-DD`);
  if (from > to) throw bad(`--from ${from} is after --to ${to}`);
  if (values.team !== undefined && values.team.trim() === '') throw bad('--team needs a manager id');
  return { from, to, ...(values.team !== undefined ? { team: values.team } : {}) };
}

/** The stores the report reads, on the app's storage (AppStorage from src/adapters/storage). */
export function complianceDeps(
  storage: RepositoryStorage,
  options: { directory: Pick<Directory, 'getManager'>; packFor: (policyId: string) => PolicyPack; calendar: WorkingCalendar; settings?: EscalationSettings; today?: () => LocalDate },
): ComplianceDeps {
  const { agreements, escalations } = createRepositories(storage);
  // A period reaching past today is judged as it stands today (nothing ahead counts as lapsed).
  return { agreements, escalations, ...options, today: options.today ?? londonToday };
}

function londonToday(): LocalDate {
  return utcToLondon(new Date().toISOString()).date;
}

export interface ReportCommandDeps {
  /** Opens storage and the directory only after the arguments are known to be good. */
  readonly open: () => Promise<ComplianceDeps>;
}

/** CSV on stdout: one row per person, one per team (supervisor), and a total. */
export async function reportCommand(args: readonly string[], deps: ReportCommandDeps): Promise<CommandResult> {
  const query = parseReportArgs(args);
  const rows = await complianceReport(await deps.open(), query);
  return { stdout: complianceCsv(rows) };
}

/**
 * The same with main.ts's exit-code contract, for an async entry: 0 with the CSV; 2 and one line
 * on stderr for bad input; 1 for anything else.
 */
export async function runReport(args: readonly string[], deps: ReportCommandDeps): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout } = await reportCommand(args, deps);
    return { code: 0, stdout: `${stdout}\n`, stderr: '' };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ').trim();
    const parseError = e instanceof TypeError && String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    // Anything a person can act on (bad arguments, the sandbox not running) is not a bug.
    if (parseError || (isAppError(e) && e.code !== 'internal')) return { code: 2, stdout: '', stderr: `${message}\n` };
    return { code: 1, stdout: '', stderr: `internal error: ${message}\n` };
  }
}
