/**
 * Sends the preparation card to the supervisee `leadWorkingDays` working days before each booked
 * session (issue 5 item 1; the pack's preparation.leadWorkingDays, local configuration, default 2,
 * K13), exactly once: the agenda's preparationSentAt is claimed with an ETag before the card goes
 * out, so two instances or a restart never send it twice. A card that could not be delivered
 * (the supervisee never opened a chat with the bot, or the channel failed) releases the claim
 * and is tried again on the next run.
 */
import { nextSession } from '../../domain/agenda/agenda.js';
import { leadWorkingDays, preparationDay } from '../../domain/agenda/preparation.js';
import type { SessionAgenda } from '../../domain/agenda/schema.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import { openActions, upcomingFor, type Upcoming } from './agenda.js';
import { updateAgenda, type AgendaDeps } from './deps.js';
import type { Logger } from '../../observability/logger.js';
import { errorFields } from '../../observability/error-fields.js';

export interface PreparationJobDeps extends AgendaDeps {
  /**
   * Puts the preparation card (the pack's prompts, the open actions carried over) in the
   * supervisee's chat; 'unreachable' when there is no chat to send to yet.
   */
  readonly deliverCard: (upcoming: Upcoming, carried: readonly TrackedAction[]) => Promise<'delivered' | 'unreachable'>;
  readonly calendar: WorkingCalendar;
  readonly log?: Logger | undefined;
}

export interface PreparationRunResult {
  readonly due: number;
  readonly sent: number;
  readonly alreadySent: number;
  readonly unreachable: number;
  readonly failed: number;
}

type Claim = 'claimed' | 'already-sent';

async function claim(deps: PreparationJobDeps, agreementId: string, sessionId: string, at: string): Promise<Claim> {
  return updateAgenda<Claim>(deps, agreementId, sessionId, (current) =>
    current.preparationSentAt ? { next: undefined, result: 'already-sent' } : { next: { ...current, preparationSentAt: at }, result: 'claimed' });
}

async function release(deps: PreparationJobDeps, agreementId: string, sessionId: string, at: string): Promise<void> {
  await updateAgenda(deps, agreementId, sessionId, (current) => {
    if (current.preparationSentAt !== at) return { next: undefined, result: undefined };
    const { preparationSentAt: _sent, ...rest } = current;
    void _sent;
    const next: SessionAgenda = rest;
    return { next, result: undefined };
  });
}

/** One pass: every booked agreement's next session whose preparation day has come (on working days, from 08:00 London). */
/** Cards go out on working days from this London time, not in the middle of the night. */
export const SEND_FROM = '08:00';

export async function sendDuePreparationCards(deps: PreparationJobDeps, nowIso: string): Promise<PreparationRunResult> {
  const { date: today, time } = utcToLondon(nowIso);
  if (!deps.calendar.isWorkingDay(today) || time < SEND_FROM) return { due: 0, sent: 0, alreadySent: 0, unreachable: 0, failed: 0 };
  const agreements = (await deps.agreements.list()).filter((a) => a.status === 'booked');
  let due = 0, sent = 0, alreadySent = 0, unreachable = 0, failed = 0;
  for (const agreement of agreements) {
    try {
      const session = nextSession(agreement, await deps.agreements.sessions(agreement.id), nowIso);
      if (!session) continue;
      const pack = deps.packFor(agreement.terms.policyId);
      if (today < preparationDay(deps.calendar, session.date, leadWorkingDays(pack))) continue;
      due++;
      const existing = await deps.records.agenda(agreement.id, session.sessionId);
      if (existing?.preparationSentAt) { alreadySent++; continue; }
      if ((await claim(deps, agreement.id, session.sessionId, nowIso)) === 'already-sent') { alreadySent++; continue; }
      try {
        const u = await upcomingFor(deps, agreement.terms.superviseeId, agreement.id, session.sessionId);
        const carried = await openActions(deps, agreement.id, session.sessionId);
        const outcome = await deps.deliverCard(u, carried);
        if (outcome === 'delivered') sent++;
        else {
          unreachable++;
          await release(deps, agreement.id, session.sessionId, nowIso);
        }
      } catch (error) {
        await release(deps, agreement.id, session.sessionId, nowIso);
        throw error;
      }
    } catch (error) {
      failed++;
      deps.log?.warn('preparation.send_failed', { agreementId: agreement.id, ...errorFields(error) });
    }
  }
  return { due, sent, alreadySent, unreachable, failed };
}
