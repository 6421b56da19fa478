/**
 * What the supervisee is asked before a session (issue 5 item 1; rules.md §4): the pack's
 * preparation prompts meant for them, and when the preparation card goes out.
 */
import { addWorkingDays, latestWorkingDayOnOrBefore } from '../calendar/working-calendar.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { AppError } from '../errors.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { PreparationAnswer } from './schema.js';

export interface PreparationPrompt {
  /** Stable within one pack version: p1, p2, … in the order shown. */
  readonly id: string;
  readonly text: string;
  /** "Sefton Welfare supervision record; App 1 Expectations (L531-L632, L381)". */
  readonly citation: string;
}

/** The product default when the pack sets no lead time (K13: local configuration, not the policy). */
export const DEFAULT_LEAD_WORKING_DAYS = 2;

export function leadWorkingDays(pack: PolicyPack): number {
  const v = pack.preparation?.leadWorkingDays;
  return v && !('notSpecified' in v) ? v.value : DEFAULT_LEAD_WORKING_DAYS;
}

/**
 * The day the preparation card is due: `leadWorkingDays` working days before the session's date
 * (counted as K1 counts, so 2 before a Tuesday is the Friday before). With 0, the session's day
 * itself, or the working day before it when the session falls on a non-working day.
 */
export function preparationDay(calendar: WorkingCalendar, sessionDate: LocalDate, lead: number): LocalDate {
  return lead === 0 ? latestWorkingDayOnOrBefore(calendar, sessionDate) : addWorkingDays(calendar, sessionDate, -lead);
}

function sourceText(pack: PolicyPack, source: unknown): string {
  if (source && typeof source === 'object' && 'section' in source && 'lines' in source) {
    const s = source as { section: string; lines: string };
    return `${pack.shortName} ${s.section} (${s.lines})`;
  }
  return `${pack.shortName}`;
}

/** A prompt asking for children's or family names is kept, with the product's rule beside it. */
const ASKS_FOR_NAMES = /\bnames?\b/i;

/**
 * The supervisee's prompts: the pack's preparationPrompts by the supervisee (or by nobody in
 * particular). Where the pack orders the session (Camden §6 (L106): "begin with a discussion on
 * the welfare of the worker"), that order comes first as headings-turned-questions; a pack with
 * neither gets one open question.
 */
export function preparationPrompts(pack: PolicyPack): PreparationPrompt[] {
  const out: { text: string; citation: string }[] = [];
  for (const agenda of pack.agendas) {
    const o = agenda.ordering;
    if (!o || 'notSpecified' in o) continue;
    const citation = sourceText(pack, o.source);
    for (const step of o.value) {
      if (/welfare/i.test(step)) out.push({ text: 'Your welfare first: how are you, and is anything affecting you or your work?', citation });
      else if (/practical|support/i.test(step)) out.push({ text: 'Practical and support issues you want to raise', citation });
      else if (/case/i.test(step)) out.push({ text: 'Cases you want to discuss (by case number only, never a child\'s name)', citation });
      else out.push({ text: step, citation });
    }
  }
  const prompts = pack.preparationPrompts;
  if (!('notSpecified' in prompts)) {
    const citation = sourceText(pack, prompts.source);
    for (const p of prompts.value) {
      if (p.by !== 'supervisee' && p.by !== 'not-specified') continue;
      const text = ASKS_FOR_NAMES.test(p.text) ? `${p.text} (use case numbers only here: this product never stores a child's name)` : p.text;
      out.push({ text, citation });
    }
  }
  if (out.length === 0) out.push({ text: 'What would you like to discuss?', citation: `${pack.shortName} (no preparation prompts in the policy)` });
  return out.map((p, i) => ({ id: `p${i + 1}`, ...p }));
}

/** Pairs the card's answers (keyed by prompt id) with the prompts' words; blank answers are kept out. */
export function preparationAnswers(prompts: readonly PreparationPrompt[], answers: Readonly<Record<string, string | undefined>>): PreparationAnswer[] {
  const out: PreparationAnswer[] = [];
  for (const p of prompts) {
    const answer = (answers[p.id] ?? '').trim();
    if (answer.length > 4000) throw new AppError('invalid_input', `Your answer to "${p.text.slice(0, 60)}" is ${answer.length} characters; the limit is 4000.`);
    if (answer !== '') out.push({ prompt: p.text.slice(0, 500), answer });
  }
  return out;
}
