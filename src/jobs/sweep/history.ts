import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { Agreement, PlannedSession, Signature } from '../../domain/agreements/types.js';
import type { HistoryInput } from '../../domain/obligations/index.js';
import type { AgreementFacts } from './stores.js';

const signedOn = (s: Signature | undefined): string | undefined => (s ? utcToLondon(s.signedAt).date : undefined);

/** Sessions that have happened (or were called off); planned and booked ones are not facts yet. */
const PAST: Partial<Record<PlannedSession['status'], 'held' | 'postponed' | 'cancelled'>> = { held: 'held', postponed: 'postponed', cancelled: 'cancelled' };

/**
 * The obligations engine's history (src/domain/obligations/history.ts) from what the stores hold.
 * A booked session in the past that was never marked held counts as not held: that is how a
 * missed session shows up as a lapse.
 */
export function historyFor(agreement: Agreement, sessions: readonly PlannedSession[], facts: AgreementFacts | undefined): HistoryInput {
  const t = agreement.terms;
  const supervisor = signedOn(agreement.signatures.supervisor);
  const supervisee = signedOn(agreement.signatures.supervisee);
  const out: NonNullable<HistoryInput['sessions']> = [];
  for (const s of sessions) {
    const status = PAST[s.status];
    if (!status) continue;
    const record = status === 'held' ? facts?.records[s.date] : undefined;
    const p = status !== 'held' ? facts?.postponements[s.date] : undefined;
    out.push({
      date: s.date, status,
      ...(p?.reason !== undefined ? { reason: p.reason } : {}),
      ...(p?.rebookedTo !== undefined ? { rebookedTo: p.rebookedTo } : {}),
      ...(record ? { record } : {}),
    });
  }
  return {
    agreement: {
      role: t.roleId, employmentStart: t.employmentStart, agreementDate: t.agreementDate, supervisor: t.supervisorId, supervisee: t.superviseeId,
      signed: { ...(supervisor ? { supervisor } : {}), ...(supervisee ? { supervisee } : {}) },
      reviews: facts?.reviews ?? [],
      ...(t.progressReviewDate ? { progressReviewDate: t.progressReviewDate } : {}),
    },
    sessions: out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  };
}
