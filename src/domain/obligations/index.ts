import { parseLocalDate } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { AppError } from '../errors.js';
import { findRole } from '../../policy/packs.js';
import type { PolicyPack, Role } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema.js';
import { ZHistory, type History, type HistoryInput } from './history.js';
import { actionObligations } from './actions.js';
import { agreementObligations, caseObligations } from './periodic.js';
import { recordObligations } from './records.js';
import { sessionObligations } from './sessions.js';
import type { Obligation } from './types.js';

export * from './types.js';
export * from './obligation-id.js';
export { ZHistory, type History, type HistoryInput } from './history.js';

/** Who acts, in the role's own terms ("the relevant service manager", "Team manager..."). */
function responsibleLabel(pack: PolicyPack, role: Role, party: Obligation['responsible']): string {
  const supervisor = isSpecified(role.supervisor) ? role.supervisor.value : 'the supervisor';
  switch (party) {
    case 'supervisor': return supervisor;
    case 'supervisee': return `the supervisee (${role.label})`;
    case 'both': return `${supervisor} and the supervisee (${role.label})`;
    case 'service-manager': return 'service managers';
    case 'line-manager': return 'the line manager';
    case 'not-specified': return `not specified by ${pack.shortName}'s policy`;
  }
}

export function parseHistory(json: unknown): History {
  const r = ZHistory.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AppError('invalid_input', `invalid history${i && i.path.length ? ` at ${i.path.join('.')}` : ''}: ${i?.message ?? 'unknown error'}`);
  }
  return r.data;
}

export interface ObligationOptions {
  /** Defaults to the pack's nation with no closure days. */
  readonly calendar?: WorkingCalendar;
}

/**
 * Every obligation of the agreement at `at`, in due-date order (undated last). Pure: the same
 * pack, history and date give the same list, with the same ids.
 */
export function computeObligations(pack: PolicyPack, input: History | HistoryInput, atInput: LocalDate, options: ObligationOptions = {}): Obligation[] {
  const history = parseHistory(input);
  const at = parseLocalDate(atInput);
  const role = findRole(pack, history.agreement.role);
  if (at < history.agreement.agreementDate) {
    throw new AppError('invalid_input', `the date ${at} is before the agreement date ${history.agreement.agreementDate}`);
  }
  const cal = options.calendar ?? createWorkingCalendar({ nation: pack.nation });
  const all = [
    ...sessionObligations(pack, role, history, at, cal),
    ...recordObligations(pack, history, at, cal),
    ...agreementObligations(pack, role, history, at, cal),
    ...caseObligations(pack, history, at, cal),
    ...actionObligations(pack, history, at),
  ];
  const seen = new Set<string>();
  const unique = all.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true))).map((o) => ({ ...o, responsibleLabel: responsibleLabel(pack, role, o.responsible) }));
  return unique.sort((x, y) => {
    const dx = x.due ?? '9999-12-31';
    const dy = y.due ?? '9999-12-31';
    return dx < dy ? -1 : dx > dy ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
}
