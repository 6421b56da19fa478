import { pathToFileURL } from 'node:url';
import { isAppError } from '../domain/errors.js';
import { deadlineCommand } from './commands/deadline.js';
import { obligationsCommand } from './commands/obligations.js';
import { policiesCommand } from './commands/policies.js';
import { scheduleCommand } from './commands/schedule.js';
import { nodeIo, type CliIo, type CommandResult } from './io.js';

export type Command = (args: readonly string[], io: CliIo) => CommandResult;

/** Synchronous policy-engine commands; `import` (which talks to Graph and storage) is async, below. */
export const commands: Readonly<Record<string, Command>> = {
  policies: policiesCommand,
  schedule: scheduleCommand,
  deadline: deadlineCommand,
  obligations: obligationsCommand,
};

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const usage = `usage: supervision <${[...Object.keys(commands), 'import', 'report', 'doctor', 'setup sharepoint'].join('|')}> [options]`;

/** Codes a person caused (bad arguments, unknown policy, a value the policy does not give). */
const badInput = new Set(['invalid_input', 'not_found', 'precondition_failed', 'conflict']);

/**
 * Runs one command in-process. Bad input gives exit code 2, one line on stderr and nothing on
 * stdout; a schedule the policy cannot be met by gives 3; anything else is a bug (1).
 */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): CliOutcome {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return name === undefined ? { code: 2, stdout: '', stderr: `${usage}\n` } : { code: 0, stdout: `${usage}\n`, stderr: '' };
  }
  const command = commands[name];
  if (!command) return { code: 2, stdout: '', stderr: `unknown command "${name}"; ${usage}\n` };
  try {
    const { stdout, warnings = [] } = command(rest, io);
    return { code: 0, stdout: `${stdout}\n`, stderr: warnings.map((w) => `warning: ${oneLine(w)}\n`).join('') };
  } catch (e) {
    const message = oneLine(e instanceof Error ? e.message : String(e));
    if (isAppError(e) && badInput.has(e.code)) return { code: 2, stdout: '', stderr: `${message}\n` };
    if (isAppError(e) && e.code === 'policy_violation') return { code: 3, stdout: '', stderr: `${message}\n` };
    // node:util parseArgs errors (unknown option, missing value) are bad input too.
    if (e instanceof TypeError && typeof (e as { code?: unknown }).code === 'string' && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      return { code: 2, stdout: '', stderr: `${message}\n` };
    }
    return { code: 1, stdout: '', stderr: `internal error: ${message}\n` };
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** The process entry: `import` runs async with progress and Ctrl-C handling; the rest via runCli. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'report') {
    const [{ runReport, complianceDeps }, { openRuntime }, { createWorkingCalendar }, { getPack }] = await Promise.all([
      import('./commands/report.js'),
      import('./runtime.js'),
      import('../domain/calendar/working-calendar.js'),
      import('../policy/packs.js'),
    ]);
    const out = await runReport(argv.slice(1), {
      open: async () => {
        const runtime = openRuntime(process.env);
        const calendar = createWorkingCalendar({ nation: runtime.config.BANK_HOLIDAY_NATION });
        return complianceDeps(runtime.storage, { directory: runtime.directory, packFor: getPack, calendar });
      },
    });
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    return out.code;
  }
  if (argv[0] === 'doctor' || argv[0] === 'setup') return tenantCommand(argv);
  if (argv[0] !== 'import') {
    const out = runCli(argv);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    return out.code;
  }
  const { importCommand } = await import('./commands/import.js');
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  try {
    return await importCommand(argv.slice(1), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      isTty: process.stderr.isTTY === true,
      env: process.env,
      signal: stop.signal,
    });
  } catch (e) {
    const message = oneLine(e instanceof Error ? e.message : String(e));
    const code = isAppError(e) && (badInput.has(e.code) || e.code === 'invalid_input') ? 2 : 1;
    process.stderr.write(`${code === 1 ? 'internal error: ' : ''}${message}\n`);
    return code;
  }
}

/** `doctor` and `setup sharepoint`: against the configured tenant (the running sandbox, or a council's). */
async function tenantCommand(argv: readonly string[]): Promise<number> {
  try {
    const { openRuntime } = await import('./runtime.js');
    if (argv[0] === 'setup') {
      if (argv[1] !== 'sharepoint') {
        process.stderr.write(`unknown setup "${argv[1] ?? ''}"; usage: supervision setup sharepoint\n`);
        return 2;
      }
      const runtime = openRuntime(process.env);
      const { setupSharePoint } = await import('./commands/setup.js');
      const out = await setupSharePoint(runtime.graph, runtime.config.SHAREPOINT_SITE, runtime.config.SHAREPOINT_LIBRARY);
      process.stdout.write(out.stdout);
      return out.code;
    }
    const { doctorContext, parseDoctorArgs, runDoctor } = await import('./commands/doctor.js');
    const options = parseDoctorArgs(argv.slice(1));
    const out = await runDoctor(doctorContext(openRuntime(process.env), options));
    process.stdout.write(out.stdout);
    return out.code;
  } catch (e) {
    const message = oneLine(e instanceof Error ? e.message : String(e));
    const code = isAppError(e) && badInput.has(e.code) ? 2 : 1;
    process.stderr.write(`${code === 1 ? 'error: ' : ''}${message}\n`);
    return code;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
