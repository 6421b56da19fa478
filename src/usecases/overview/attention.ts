/**
 * "What needs my attention" (issue 15 item 4): the reminders and escalations the daily sweep
 * sent this person in the last weeks that are still open now — the obligation not yet met, not
 * acknowledged, not closed. Read from the digests the sweep stored, then checked against the
 * obligations engine today, so a lapse already put right is never shown as open.
 */
import type { Agreement } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate, WorkingCalendar } from '../../domain/calendar/types.js';
import { STEP_ORDER, type DueStep } from '../../domain/escalation/ladder.js';
import { computeObligations } from '../../domain/obligations/index.js';
import { historyOf } from '../../domain/obligations/history-of.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { DigestRow, EscalationRepository } from '../../repositories/escalations.js';
import { inParallel, TURN_READS_AT_ONCE } from '../in-parallel.js';

export interface AttentionDeps {
  readonly escalations: Pick<EscalationRepository, 'copiedDigestsTo' | 'digestOf' | 'acknowledgedObligations'>;
  /** `year`: the agreement's sessions, records and actions in one read. */
  readonly agreements: Pick<AgreementRepository, 'get' | 'year'>;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly calendar: WorkingCalendar;
  readonly now: () => string;
}

/** How far back the digests are read: an escalation older than this has been followed up by a newer one. */
export const ATTENTION_DAYS = 28;

export interface OpenItems {
  readonly today: LocalDate;
  /** The latest step for each open obligation, most urgent rung first. */
  readonly steps: readonly DueStep[];
}

const OPEN = new Set(['due', 'overdue', 'breached']);

export async function openItemsFor(deps: AttentionDeps, personId: string): Promise<OpenItems> {
  const today = utcToLondon(deps.now()).date;
  const latest = new Map<string, DueStep>();
  const digests = await digestsOver(deps, personId, today);
  for (const digest of digests) {
    for (const s of digest?.steps ?? []) {
      const step = s as DueStep;
      const key = `${step.agreementId}|${step.obligationId}`;
      const seen = latest.get(key);
      if (!seen || STEP_ORDER.indexOf(step.step) > STEP_ORDER.indexOf(seen.step)) latest.set(key, step);
    }
  }
  const stillOpen: DueStep[] = [];
  const byAgreement = new Map<string, DueStep[]>();
  for (const s of latest.values()) {
    if (s.step === 'closed') continue;
    byAgreement.set(s.agreementId, [...(byAgreement.get(s.agreementId) ?? []), s]);
  }
  // Each agreement is checked at the same time as the others; the answers keep the order above.
  const checked = await Promise.all([...byAgreement].map(async ([agreementId, steps]) => {
    const [agreement, acknowledged] = await Promise.all([deps.agreements.get(agreementId), deps.escalations.acknowledgedObligations(agreementId)]);
    if (!agreement || agreement.status === 'ended') return [];
    const open = await openObligationIds(deps, agreement, today);
    return steps.filter((s) => open.has(s.obligationId) && !acknowledged.has(s.obligationId));
  }));
  for (const steps of checked) stillOpen.push(...steps);
  stillOpen.sort((a, b) => STEP_ORDER.indexOf(b.step) - STEP_ORDER.indexOf(a.step) || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return { today, steps: stillOpen };
}

/**
 * The person's digests of the last ATTENTION_DAYS, newest first: their copies in one query (issue 16
 * item 4: it was one read per day), and any day from before every digest had a copy from its day's
 * partition, a few at a time.
 */
async function digestsOver(deps: AttentionDeps, personId: string, today: LocalDate): Promise<DigestRow[]> {
  const days = Array.from({ length: ATTENTION_DAYS }, (_, i) => addDays(today, -i));
  const copied = await deps.escalations.copiedDigestsTo(personId, days.at(-1) ?? today);
  const byDay = new Map(copied.digests.map((d) => [d.day, d]));
  const uncopied = days.filter((day) => copied.since === undefined || day < copied.since);
  for (const d of await inParallel(uncopied, TURN_READS_AT_ONCE, (day) => deps.escalations.digestOf(day, personId))) if (d) byDay.set(d.day, d);
  return days.flatMap((day) => byDay.get(day) ?? []);
}

async function openObligationIds(deps: AttentionDeps, agreement: Agreement, today: LocalDate): Promise<Set<string>> {
  if (today < agreement.terms.agreementDate) return new Set();
  const { sessions, records, actions } = await deps.agreements.year(agreement.id);
  const obligations = computeObligations(deps.packFor(agreement.terms.policyId), historyOf(agreement, sessions, records, actions), today, { calendar: deps.calendar });
  return new Set(obligations.filter((o) => OPEN.has(o.status)).map((o) => o.id));
}
