import type { LocalDate } from '../calendar/types.js';
import type { Modality, Party } from '../../policy/schema.js';
import { formatObligationId } from './obligation-id.js';
import type { Obligation, ObligationKind, ObligationStatus, Severity } from './types.js';

export function severityOf(modality: Modality): Severity {
  return modality === 'must' ? 'breach' : modality === 'should' ? 'warning' : 'info';
}

/** Status at `at` of something due on `due` and done on `metOn` (either may be unknown). */
export function statusOf(due: LocalDate | null, metOn: LocalDate | undefined, at: LocalDate, modality: Modality): ObligationStatus {
  const late: ObligationStatus = modality === 'must' ? 'breached' : 'overdue';
  if (metOn !== undefined && metOn <= at) return due === null || metOn <= due ? 'met' : late;
  if (due === null || at <= due) return 'due';
  return late;
}

export interface ObligationInput {
  readonly kind: ObligationKind;
  readonly subject: string;
  readonly due: LocalDate | null;
  readonly metOn?: LocalDate | undefined;
  readonly latestPracticable?: LocalDate | undefined;
  readonly responsible: Party;
  readonly modality: Modality;
  readonly rule: string;
  readonly localConfiguration?: boolean;
  readonly detail: string;
}

export function obligation(o: ObligationInput, at: LocalDate): Obligation {
  const metOn = o.metOn !== undefined && o.metOn <= at ? o.metOn : undefined;
  return {
    id: formatObligationId(o),
    kind: o.kind,
    subject: o.subject,
    status: statusOf(o.due, metOn, at, o.modality),
    due: o.due,
    ...(o.latestPracticable !== undefined && o.latestPracticable !== o.due ? { latestPracticable: o.latestPracticable } : {}),
    ...(metOn !== undefined ? { metOn } : {}),
    responsible: o.responsible,
    modality: o.modality,
    severity: severityOf(o.modality),
    rule: o.rule,
    ...(o.localConfiguration ? { localConfiguration: true as const } : {}),
    detail: o.detail,
  };
}

export function notSpecifiedObligation(kind: ObligationKind, subject: string, rule: string, detail: string): Obligation {
  return { id: formatObligationId({ kind, subject, due: null }), kind, subject, status: 'not-specified', due: null, responsible: 'not-specified', severity: 'none', rule, detail };
}
