import { addDays, addMonths } from '../calendar/local-date.js';
import type { LocalDate, WorkingCalendar } from '../calendar/types.js';
import { addWorkingDays, latestWorkingDayOnOrBefore } from '../calendar/working-calendar.js';
import { parseObligationId, subjectDate } from '../obligations/obligation-id.js';
import type { Obligation, ObligationKind, Severity } from '../obligations/types.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack } from '../../policy/schema.js';
import { isSpecified } from '../../policy/schema.js';
import { whyForCitation, type PolicyWhy } from '../../policy/why.js';
import type { EscalationSettings } from './settings.js';

/**
 * The rungs, in order. issue 6 "The ladder": a reminder before it is due, a nudge when it falls
 * due or is late, the line manager after N working days, then the next tier; and when the
 * obligation is met, those the escalation reached are told it closed.
 */
export type StepKind = 'reminder' | 'nudge' | 'line-manager' | 'next-tier' | 'closed';
export const STEP_ORDER: readonly StepKind[] = ['reminder', 'nudge', 'line-manager', 'next-tier', 'closed'];

/** A step already delivered (or being delivered) for one obligation of one agreement. */
export interface LedgerEntry {
  readonly obligationId: string;
  readonly step: StepKind;
  readonly recipientId: string;
  /** The working day it went out. */
  readonly day: LocalDate;
}

export interface AgreementParties {
  readonly supervisorId: string;
  readonly superviseeId: string;
  /** Sefton ¶8.1 (L250): the manager named in the agreement. */
  readonly seniorManagerId?: string | undefined;
}

export interface LadderInput {
  readonly agreementId: string;
  readonly obligation: Obligation;
  readonly today: LocalDate;
  readonly calendar: WorkingCalendar;
  /** The agreement's pack; its citations give each step the policy's words ("Why?"). */
  readonly pack: Pick<PolicyPack, 'shortName' | 'title' | 'escalation'>;
  readonly settings: EscalationSettings;
  readonly parties: AgreementParties;
  /** A person's managers from the directory, line manager first; empty when they have none. */
  readonly chainOf: (personId: string) => readonly string[];
  /** This obligation's ledger (other obligations' entries are ignored). */
  readonly ledger: readonly LedgerEntry[];
  /** Someone acknowledged the escalation: no further rungs (issue 6 "Exactly once"). */
  readonly acknowledged: boolean;
}

export interface DueStep {
  /** Unique within the agreement: the ledger's idempotency key. */
  readonly key: string;
  readonly agreementId: string;
  readonly obligationId: string;
  readonly obligationKind: Obligation['kind'];
  readonly step: StepKind;
  readonly recipientId: string;
  /** Whose action is missing (Entra ids). */
  readonly responsibleIds: readonly string[];
  /** The agreement's parties, so a manager reading the step knows whose supervision it is. */
  readonly supervisorId: string;
  readonly superviseeId: string;
  /** What is (or will be) late, in the obligation engine's words. */
  readonly what: string;
  readonly due: LocalDate;
  /** First day it counts as late; absent while it is not late yet. */
  readonly lateSince?: LocalDate;
  readonly severity: Severity;
  /** The policy paragraph that requires the obligation (or the local configuration that set it). */
  readonly citation: string;
  /** The policy's words for the citation, shown under "Why?" (absent for local configuration). */
  readonly why?: PolicyWhy;
  /** Why this person, at this time: the pack's escalation path and/or local configuration. */
  readonly basis: readonly string[];
  /** The person has no manager in the directory: sent to the fallback role, and reported. */
  readonly fallback?: 'no-manager';
  /** The session a record obligation is about (the card's "open the record" button). */
  readonly sessionId?: string;
}

export function stepKey(obligationId: string, step: StepKind, recipientId: string): string {
  return `${obligationId}|${step}|${recipientId}`;
}

function localConfig(pack: Pick<PolicyPack, 'shortName'>, settings: EscalationSettings, what: string): string {
  return `${what}: ${pack.shortName} local configuration${settings.reference ? ` (${settings.reference})` : ''}, not the policy (K13)`;
}

/**
 * The date an obligation is judged against. Undated ones (a signature with no day limit) get a
 * chase date only when the council configured one, anchored on the date their subject names.
 */
export function effectiveDue(o: Obligation, cal: WorkingCalendar, settings: EscalationSettings): { due: LocalDate; local: boolean } | undefined {
  if (o.due !== null) return { due: o.due, local: false };
  const n = settings.undatedChaseAfterWorkingDays[o.kind];
  const anchor = subjectDate(o);
  if (n === undefined || anchor === undefined) return undefined;
  return { due: addWorkingDays(cal, anchor, n), local: true };
}

function responsibleIds(o: Obligation, input: LadderInput): string[] {
  const { parties } = input;
  const chain = input.chainOf(parties.superviseeId);
  if (o.responsiblePersonId !== undefined) return [o.responsiblePersonId];
  switch (o.responsible) {
    case 'supervisor': return [parties.supervisorId];
    case 'supervisee': return [parties.superviseeId];
    case 'both': return [parties.supervisorId, parties.superviseeId];
    case 'line-manager': return chain[0] !== undefined ? [chain[0]] : [input.settings.fallback.personId];
    case 'service-manager': {
      const who = parties.seniorManagerId ?? chain[1] ?? input.settings.nextTierRole?.personId ?? input.settings.fallback.personId;
      return [who];
    }
    // Obligations engine: nobody is named for a value the policy does not give.
    case 'not-specified': return [];
  }
}

/** Reminder day: the configured lead before the nudge, on a working day. */
function reminderDay(o: Obligation, nudgeDay: LocalDate, due: LocalDate, cal: WorkingCalendar, s: EscalationSettings): LocalDate | undefined {
  const wd = s.remindWorkingDaysBefore[o.kind];
  if (wd !== undefined) return addWorkingDays(cal, nudgeDay, -wd);
  const months = s.remindMonthsBefore[o.kind];
  if (months !== undefined) return latestWorkingDayOnOrBefore(cal, addMonths(due, -months));
  return undefined;
}

/**
 * The steps due today for one obligation. Pure and idempotent against the ledger: a step in the
 * ledger is never due again, so running it twice on a day (or every day) yields each step once.
 * A step whose day has passed (the sweep did not run) is due on the next working day, except a
 * reminder, which is pointless once the nudge is due.
 */
export function dueSteps(input: LadderInput): DueStep[] {
  const { obligation: o, today, calendar: cal, settings: s, pack } = input;
  if (!cal.isWorkingDay(today)) return [];
  if (o.status === 'not-specified' || o.severity === 'none') return [];
  // Most obligations of a year are done and never reached anyone: nothing to close, nothing to send.
  if (o.metOn !== undefined && input.ledger.length === 0) return [];
  const eff = effectiveDue(o, cal, s);
  if (!eff) return [];
  const due = eff.due;
  const has = (step: StepKind, who: string): boolean => input.ledger.some((e) => e.obligationId === o.id && e.step === step && e.recipientId === who);
  const entries = (step: StepKind): LedgerEntry[] => input.ledger.filter((e) => e.obligationId === o.id && e.step === step);
  const responsible = [...new Set(responsibleIds(o, input))];
  const lateSince = addDays(due, 1);
  const late = today >= lateSince;
  const basisDue = eff.local ? [localConfig(pack, s, `chased ${s.undatedChaseAfterWorkingDays[o.kind] ?? 0} working days after ${o.subject}, as the policy gives no day limit`)] : [];
  const make = (step: StepKind, recipientId: string, basis: readonly string[], fallback?: 'no-manager'): DueStep => {
    const why = whyForCitation(pack, o.rule);
    return {
      key: stepKey(o.id, step, recipientId), agreementId: input.agreementId, obligationId: o.id, obligationKind: o.kind, step, recipientId,
      responsibleIds: responsible, supervisorId: input.parties.supervisorId, superviseeId: input.parties.superviseeId, what: o.detail, due, ...(late ? { lateSince } : {}), severity: o.severity,
      citation: o.rule, ...(why ? { why } : {}), basis: [...basisDue, ...basis], ...(fallback ? { fallback } : {}),
    };
  };

  // Met (even late): the escalation closes, and everyone it reached hears so once.
  if (o.metOn !== undefined) {
    const reached = [...new Set([...entries('line-manager'), ...entries('next-tier')].map((e) => e.recipientId))];
    return reached.filter((r) => !has('closed', r)).map((r) => make('closed', r, [`done on ${o.metOn ?? ''}`]));
  }
  if (input.acknowledged || responsible.length === 0) return [];
  if (s.chaseFrom !== undefined && due < s.chaseFrom) return [];

  const out: DueStep[] = [];
  // A due date on a non-working day is nudged on the last working day before it (K2/K4 practicability).
  const nudgeDay = o.latestPracticable ?? latestWorkingDayOnOrBefore(cal, due);
  const remind = reminderDay(o, nudgeDay, due, cal, s);
  if (remind !== undefined && today >= remind && today < nudgeDay) {
    const basis = [localConfig(pack, s, 'reminder timing')];
    for (const r of responsible) if (!has('reminder', r)) out.push(make('reminder', r, basis));
  }
  if (today >= nudgeDay) {
    for (const r of responsible) if (!has('nudge', r)) out.push(make('nudge', r, []));
  }
  if (!late || !s.escalateSeverities.includes(o.severity as 'breach' | 'warning' | 'info')) return out;

  const path = pack.escalation.missedSupervision;
  const pathBasis = isSpecified(path) && (o.kind === 'session-frequency' || o.kind === 'postponement-rebooked') ? [`escalation path: ${cite(pack, path)}`] : [];
  const nudges = entries('nudge');
  const firstNudge = nudges.map((e) => e.day).sort()[0];
  // The line manager hears only after the person responsible was nudged on an earlier day.
  if (firstNudge !== undefined && firstNudge < today && today >= addWorkingDays(cal, due, s.lineManagerAfterWorkingDays)) {
    const basis = [...pathBasis, localConfig(pack, s, `line manager after ${s.lineManagerAfterWorkingDays} working days`)];
    const seen = new Set<string>();
    for (const r of responsible) {
      const up = input.chainOf(r).find((m) => !responsible.includes(m));
      const target = up ?? s.fallback.personId;
      if (seen.has(target) || has('line-manager', target)) continue;
      seen.add(target);
      out.push(make('line-manager', target, up ? basis : [...basis, localConfig(pack, s, `no manager in the directory: fallback to ${s.fallback.role}`)], up ? undefined : 'no-manager'));
    }
  }
  const lm = entries('line-manager');
  const firstLm = lm.map((e) => e.day).sort()[0];
  if (firstLm !== undefined && firstLm < today && today >= addWorkingDays(cal, firstLm, s.nextTierAfterWorkingDays)) {
    const reached = new Set([...responsible, ...lm.map((e) => e.recipientId)]);
    const basis = [...pathBasis, localConfig(pack, s, `next tier after ${s.nextTierAfterWorkingDays} more working days`)];
    const candidates: { id: string | undefined; why: string }[] = [
      { id: input.parties.seniorManagerId, why: 'the senior manager named in the agreement' },
      ...responsible.map((r) => ({ id: input.chainOf(r).filter((m) => !responsible.includes(m))[1], why: "the manager's manager" })),
      { id: s.nextTierRole?.personId, why: s.nextTierRole ? localConfig(pack, s, `${s.nextTierRole.role}, the role the policy names`) : '' },
    ];
    const pick = candidates.find((c) => c.id !== undefined && !reached.has(c.id));
    const target = pick?.id ?? s.fallback.personId;
    if (entries('next-tier').length === 0 && !reached.has(target)) {
      out.push(make('next-tier', target, [...basis, pick ? pick.why : localConfig(pack, s, `fallback to ${s.fallback.role}`)], pick ? undefined : 'no-manager'));
    }
  }
  return out;
}

/**
 * What an obligation of each kind is about, in words for the closing message (issue 15 item 3: the
 * obligation's id, "session-frequency monthly/2026-02-05", stays in the ledger and the logs).
 */
const KIND_WORDS: Readonly<Record<ObligationKind, string>> = {
  'session-frequency': 'a supervision session',
  'record-shared': 'sharing a supervision record',
  'record-signed': 'signing a supervision record',
  'postponement-rebooked': 'rebooking a postponed session',
  'postponement-reason': 'the reason for a postponement',
  'postponement-recorded': 'recording a postponement',
  'agreement-signed': 'signing the supervision agreement',
  'agreement-review': 'reviewing the supervision agreement',
  'asye-learning-agreement': 'the ASYE learning agreement',
  'asye-review': 'an ASYE review',
  pdr: 'the PDR',
  'pdr-review': 'the PDR progress review',
  'direct-observation': 'a direct observation of practice',
  'case-discussion': 'a case discussion',
  'case-record-monthly': 'a monthly case record',
  'supervisor-long-absence': 'cover for the supervisor\'s absence',
  'reduced-frequency-review': 'reviewing the reduced frequency',
  'action-overdue': 'an agreed action',
};

/**
 * An agreement that ended closes every escalation still open on it (issue 6 "Exactly once": the
 * escalation closes and those it reached are told): each line manager or next tier it reached
 * hears once that it closed, and nothing further is due. Pure, from the ledger alone.
 */
export function closingStepsOnEnd(input: { readonly agreementId: string; readonly parties: AgreementParties; readonly ledger: readonly LedgerEntry[]; readonly endedOn: LocalDate; readonly today: LocalDate; readonly calendar: WorkingCalendar }): DueStep[] {
  if (!input.calendar.isWorkingDay(input.today)) return [];
  const out: DueStep[] = [];
  const closed = new Set(input.ledger.filter((e) => e.step === 'closed').map((e) => `${e.obligationId}|${e.recipientId}`));
  const seen = new Set<string>();
  for (const e of input.ledger) {
    if (e.step !== 'line-manager' && e.step !== 'next-tier') continue;
    const k = `${e.obligationId}|${e.recipientId}`;
    if (closed.has(k) || seen.has(k)) continue;
    seen.add(k);
    const id = parseObligationId(e.obligationId);
    // Every ledger row names an obligation the engine computed; one that does not was not the sweep's.
    if (!id) continue;
    out.push({
      key: stepKey(e.obligationId, 'closed', e.recipientId), agreementId: input.agreementId, obligationId: e.obligationId,
      obligationKind: id.kind, step: 'closed', recipientId: e.recipientId, responsibleIds: [],
      supervisorId: input.parties.supervisorId, superviseeId: input.parties.superviseeId,
      what: `the supervision agreement ended on ${input.endedOn}, so the escalation about ${KIND_WORDS[id.kind]}${id.due ? ` due ${id.due}` : ''} is closed`,
      due: id.due ?? input.endedOn, severity: 'info', citation: 'the agreement ended', basis: [`agreement ended on ${input.endedOn}`],
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether a London wall-clock date and time is inside the working hours of a working day. */
export function isDeliveryWindow(localDate: LocalDate, localTime: string, cal: WorkingCalendar, s: EscalationSettings): boolean {
  return cal.isWorkingDay(localDate) && localTime >= s.workingHours.from && localTime < s.workingHours.to;
}
