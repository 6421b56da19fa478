import { parseArgs } from 'node:util';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { computeDeadline, deadlineKinds, type DeadlineKind } from '../../policy/deadline.js';
import { bad, optional, packFor, required, type CliIo, type CommandResult } from '../io.js';

export function deadlineCommand(args: readonly string[], io: CliIo): CommandResult {
  const { values } = parseArgs({
    args: [...args],
    options: { policy: { type: 'string' }, kind: { type: 'string' }, from: { type: 'string' }, category: { type: 'string' }, config: { type: 'string' } },
    strict: true, allowPositionals: false,
  });
  const { pack, calendar } = packFor(io, values);
  const kind = required(values, 'kind');
  if (!(deadlineKinds as readonly string[]).includes(kind)) throw bad(`--kind must be one of ${deadlineKinds.join(', ')}`);
  const from = required(values, 'from');
  if (!isLocalDate(from)) throw bad(`--from "${from}" is not a date written YYYY-MM-DD`);
  const answer = computeDeadline(pack, calendar, kind as DeadlineKind, from, { category: optional(values, 'category') });
  return { stdout: JSON.stringify(answer) };
}
