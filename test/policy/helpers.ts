import { expect } from 'vitest';
import { createWorkingCalendar } from '../../src/domain/calendar/working-calendar.js';
import { AppError } from '../../src/domain/errors.js';
import { computeObligations, type HistoryInput, type Obligation } from '../../src/domain/obligations/index.js';
import type { SchedulePhase } from '../../src/domain/schedule/types.js';
import { computeDeadline, type DeadlineAnswer, type DeadlineKind } from '../../src/policy/deadline.js';
import { getPack } from '../../src/policy/packs.js';
import { resolvePhases } from '../../src/policy/resolve-phases.js';
import type { Requirement } from '../../src/policy/schema.js';

export const ew = createWorkingCalendar({ nation: 'england-and-wales' });

export interface MustCase {
  /** rules.md rule ID. */
  readonly rule: string;
  /** Where the words are, as a test name shows it. */
  readonly source: string;
  readonly title: string;
  readonly check: () => void;
}

export function phases(pack: string, role: string, employmentStart: string, agreementDate = employmentStart, progressReviewDate?: string): SchedulePhase[] {
  return resolvePhases(getPack(pack), role, { employmentStart, agreementDate, progressReviewDate }).phases;
}

/** Phases as [id, from, to, rule kind/size] for compact expectations. */
export function phaseShape(ps: readonly SchedulePhase[]): [string, string, string, string][] {
  return ps.map((p) => [p.id, p.from, p.to, p.rules.map((r) => (r.kind === 'max-gap' ? `gap ${r.days}d` : `per ${r.length} ${r.unit}`)).join('+')]);
}

export function deadline(pack: string, kind: DeadlineKind, from: string, category?: string): DeadlineAnswer {
  return computeDeadline(getPack(pack), ew, kind, from, { category });
}

export function obligations(pack: string, history: HistoryInput, at: string): Obligation[] {
  return computeObligations(getPack(pack), history, at);
}

export function only(list: readonly Obligation[], kind: Obligation['kind']): Obligation[] {
  return list.filter((o) => o.kind === kind);
}

export function requirement(pack: string, rule: string, modality: Requirement['modality'] = 'must'): Requirement {
  const r = getPack(pack).requirements.find((x) => x.rule === rule);
  expect(r, `${pack} has requirement ${rule}`).toBeDefined();
  expect(r?.modality).toBe(modality);
  return r as Requirement;
}

export function expectAppError(fn: () => unknown, code: AppError['code'], text?: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    if (text) expect((e as AppError).message).toMatch(text);
    return;
  }
  throw new Error(`expected AppError ${code}`);
}
