import type { PlannedSession } from '../../domain/agreements/types.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../domain/calendar/london-time.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { isSessionToBook } from '../../domain/escalation/actionable-kinds.js';
import { AppError } from '../../domain/errors.js';
import { recordShowsHeld } from '../../domain/obligations/history-of.js';
import { coveredSpan, parseObligationId, sessionDateOf, type ObligationId } from '../../domain/obligations/obligation-id.js';
import { isSpecified } from '../../policy/schema.js';
import { rebookingOffer, type RebookingOffer } from '../sessions/rebooking-offer.js';
import { mustBeAddressee } from './addressee.js';
import type { EscalationDeps } from './deps.js';
import type { EscalationItem } from './escalation-item.js';
import { citationForPeople } from '../../policy/why.js';

/** "did not take place": the reason kept with a booked session that passed without a record. */
export const DID_NOT_TAKE_PLACE = 'did not take place';

/** What the supervisor is offered: the session to rebook and times free for both people. */
export type RebookFromEscalation =
  | { readonly kind: 'nothing-to-rebook' }
  | {
    readonly kind: 'offer';
    readonly session: PlannedSession;
    /** It was a booked session that passed without a record, marked postponed "did not take place" just now or earlier. */
    readonly missed: boolean;
    readonly superviseeName: string | undefined;
    /** The pack's rebooking deadline and rule, and the free slots up to it. */
    readonly offer: RebookingOffer;
    /** The postponement reasons the pack allows (empty where it lists none). */
    readonly reasons: readonly { readonly id: string; readonly label: string }[];
    readonly today: LocalDate;
    /** The deadline's rule as people read it ("<policy title>, paragraph 3.12"), never its id (issue 15 item 3). */
    readonly ruleInWords: string;
  };

/**
 * Rebook now: the session that did not take place, with times free for both people up to the
 * pack's rebooking deadline (rebooking-offer.ts), for the postponement card whose submit
 * (`sessionRebook`, session-notices.ts) records the reason and books the new time in both
 * calendars. Only the supervisor books (record-postponement.ts), so only their message offers it.
 * A booked session whose time passed with no record is first marked postponed, "did not take
 * place" (markMissedSession), so the same card and `sessionRebook` rebook it.
 */
export async function rebookFromEscalation(deps: EscalationDeps, input: EscalationItem & { readonly personId: string }): Promise<RebookFromEscalation> {
  const obligation = parseObligationId(input.obligationId);
  if (!obligation || !isSessionToBook(obligation.kind)) throw new AppError('invalid_input', 'There is no session to rebook for this item.');
  await mustBeAddressee(deps.escalations, input.personId, input);
  const agreement = await deps.agreements.get(input.agreementId);
  if (!agreement) throw new AppError('not_found', 'That agreement no longer exists.');
  if (agreement.terms.supervisorId !== input.personId) throw new AppError('forbidden', 'Only the supervisor books supervision sessions.');
  if (agreement.status === 'ended') throw new AppError('conflict', 'That agreement has ended: there is nothing to rebook.');
  const now = deps.now();
  const today = utcToLondon(now).date;
  // A postponement obligation names its session; a frequency obligation covers a span of days.
  const named = obligation.kind === 'postponement-rebooked' ? sessionDateOf(obligation) : undefined;
  const all = await deps.agreements.sessions(input.agreementId);
  const session = all
    .filter((s) => (s.status === 'postponed' || s.status === 'cancelled') && (named === undefined || s.date === named))
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0]
    ?? await markMissedSession(deps, { obligation, all, personId: input.personId, named, now });
  if (!session) return { kind: 'nothing-to-rebook' };

  const pack = deps.packFor(agreement.terms.policyId);
  const { supervisorId, superviseeId } = agreement.terms;
  const busyMap = await deps.calendar.busy([supervisorId, superviseeId], londonToUtc(addDays(today, 1), '00:00'), londonToUtc(addDays(today, 60), '00:00'));
  const busy = [...(busyMap.get(supervisorId) ?? []), ...(busyMap.get(superviseeId) ?? [])];
  const reasons = pack.postponement.allowedReasons;
  const offer = rebookingOffer({ pack, session, postponedOn: today, busy });
  return {
    kind: 'offer',
    session,
    missed: session.postponements?.at(-1)?.reason === DID_NOT_TAKE_PLACE,
    superviseeName: (await deps.directory.getPerson(superviseeId))?.displayName,
    offer,
    ruleInWords: citationForPeople(pack, offer.rule),
    reasons: isSpecified(reasons) ? reasons.value.map((r) => ({ id: r.id, label: r.label })) : [],
    today,
  };
}

/**
 * A booked session whose time has passed with no record simply did not happen (the sweep counts it
 * as not held, history-of.ts). Rebook now marks it postponed with the reason "did not take place",
 * kept the way record-postponement.ts keeps postponements (Camden §7 (L142): the reason for the
 * postponement is recorded), so the rebook card's `sessionRebook` can book it. The obligation's
 * session date or the days it covers pick which one; the latest first. Safe to repeat: once
 * postponed it is found as postponed and nothing is written twice. The write goes through the one
 * ETag loop (AgreementRepository.applySession): a race it keeps losing is a LostRaceError the
 * person sees, never a silent "nothing to rebook".
 */
async function markMissedSession(
  deps: Pick<EscalationDeps, 'agreements' | 'records'>,
  input: { obligation: ObligationId; all: readonly PlannedSession[]; personId: string; named: LocalDate | undefined; now: string },
): Promise<PlannedSession | undefined> {
  const { records } = deps;
  if (!records) return undefined;
  const nowMs = parseInstant(input.now);
  const span = coveredSpan(input.obligation);
  const inScope = (s: PlannedSession): boolean => input.named !== undefined
    ? s.date === input.named
    : !span || input.obligation.kind === 'postponement-rebooked' || (s.date >= span.from && s.date <= span.to);
  const candidates = input.all
    .filter((s) => (s.status === 'booked' || s.status === 'moved') && parseInstant(s.endUtc) < nowMs && inScope(s))
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  for (const candidate of candidates) {
    const record = await records.get(candidate.agreementId, candidate.sessionId);
    if (record && (record.status === 'not-held' || recordShowsHeld(record))) continue;
    const marked = await deps.agreements.applySession<PlannedSession | undefined>(candidate.agreementId, candidate.sessionId, (current) => {
      if (!current) return { result: undefined };
      if (current.status === 'postponed') return { result: current };
      // Held, cancelled or rebooked meanwhile: not a missed session any more.
      if (current.status !== 'booked' && current.status !== 'moved') return { result: undefined };
      const postponed: PlannedSession = {
        ...current,
        status: 'postponed',
        postponements: [...(current.postponements ?? []), { recordedAt: input.now, recordedBy: input.personId, reason: DID_NOT_TAKE_PLACE, fromDate: current.date, toDate: current.date }],
      };
      return { next: postponed, result: postponed };
    });
    if (marked) return marked;
  }
  return undefined;
}
