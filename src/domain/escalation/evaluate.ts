import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { isAppError } from '../errors.js';
import { computeObligations, type History, type HistoryInput } from '../obligations/index.js';
import type { PolicyPack } from '../../policy/schema.js';
import { dueSteps, type AgreementParties, type DueStep, type LedgerEntry } from './ladder.js';
import type { EscalationSettings } from './settings.js';

export interface AgreementEvaluation {
  readonly agreementId: string;
  readonly pack: PolicyPack;
  readonly history: History | HistoryInput;
  readonly parties: AgreementParties;
  readonly ledger: readonly LedgerEntry[];
  /** Obligation ids someone acknowledged. */
  readonly acknowledged: ReadonlySet<string>;
}

export interface EvaluationContext {
  readonly today: LocalDate;
  readonly calendar: WorkingCalendar;
  readonly settings: EscalationSettings;
  readonly chainOf: (personId: string) => readonly string[];
}

/**
 * The same calendar with every answer remembered. A sweep asks about the same few hundred days
 * for thousands of agreements; parsing each date again is most of the obligations engine's time.
 */
export function memoCalendar(cal: WorkingCalendar): WorkingCalendar {
  if ((cal as { memoised?: true }).memoised) return cal;
  const working = new Map<LocalDate, boolean>();
  const names = new Map<LocalDate, string | undefined>();
  return {
    nation: cal.nation,
    memoised: true,
    isWorkingDay(date: LocalDate): boolean {
      let v = working.get(date);
      if (v === undefined) { v = cal.isWorkingDay(date); working.set(date, v); }
      return v;
    },
    holidayName(date: LocalDate): string | undefined {
      if (!names.has(date)) names.set(date, cal.holidayName(date));
      return names.get(date);
    },
  } as WorkingCalendar;
}

/**
 * Every step due today for one agreement: the obligations engine at `today`, then the ladder on
 * each obligation. An agreement that starts after today has nothing due yet.
 */
export function evaluateAgreement(a: AgreementEvaluation, ctx: EvaluationContext): DueStep[] {
  if (!ctx.calendar.isWorkingDay(ctx.today)) return [];
  let obligations;
  try {
    obligations = computeObligations(a.pack, a.history, ctx.today, { calendar: ctx.calendar });
  } catch (e) {
    if (isAppError(e) && e.code === 'invalid_input' && /before the agreement date/.test(e.message)) return [];
    throw e;
  }
  const byObligation = new Map<string, LedgerEntry[]>();
  for (const e of a.ledger) {
    const list = byObligation.get(e.obligationId);
    if (list) list.push(e);
    else byObligation.set(e.obligationId, [e]);
  }
  return obligations.flatMap((obligation) => dueSteps({
    agreementId: a.agreementId, obligation, today: ctx.today, calendar: ctx.calendar, pack: a.pack, settings: ctx.settings,
    parties: a.parties, chainOf: ctx.chainOf, ledger: byObligation.get(obligation.id) ?? [], acknowledged: a.acknowledged.has(obligation.id),
  }));
}

/** One digest per recipient (issue 6), recipients in id order so a run is reproducible. */
export function groupByRecipient(steps: readonly DueStep[]): Map<string, DueStep[]> {
  const out = new Map<string, DueStep[]>();
  for (const s of [...steps].sort((x, y) => (x.recipientId < y.recipientId ? -1 : x.recipientId > y.recipientId ? 1 : 0))) {
    const list = out.get(s.recipientId);
    if (list) list.push(s);
    else out.set(s.recipientId, [s]);
  }
  return out;
}
