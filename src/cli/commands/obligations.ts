import { parseArgs } from 'node:util';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import { computeObligations, parseHistory } from '../../domain/obligations/index.js';
import { bad, format, packFor, readJson, required, table, type CliIo, type CommandResult } from '../io.js';

export function obligationsCommand(args: readonly string[], io: CliIo): CommandResult {
  const { values } = parseArgs({
    args: [...args],
    options: { policy: { type: 'string' }, history: { type: 'string' }, at: { type: 'string' }, config: { type: 'string' }, format: { type: 'string' } },
    strict: true, allowPositionals: false,
  });
  const fmt = format(values, ['json', 'table'], 'json');
  const { pack, calendar } = packFor(io, values);
  const at = required(values, 'at');
  if (!isLocalDate(at)) throw bad(`--at "${at}" is not a date written YYYY-MM-DD`);
  const history = parseHistory(readJson(io, required(values, 'history'), 'history'));
  const list = computeObligations(pack, history, at, { calendar });
  if (fmt === 'table') {
    return { stdout: table(['due', 'status', 'kind', 'subject', 'responsible', 'rule'], list.map((o) => [o.due ?? '-', o.status, o.kind, o.subject, o.responsible, o.rule])) };
  }
  return { stdout: JSON.stringify(list, null, 2) };
}
