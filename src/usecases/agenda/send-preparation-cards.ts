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
import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addDays } from '../../domain/calendar/local-date.js';
import { utcToLondon } from '../../domain/calendar/london-time.js';
import type { StoredItem } from '../../domain/ports/storage.js';
import { allPacks } from '../../policy/packs.js';
import type { SessionEntry } from '../../repositories/pass-index.js';
import type { WorkingCalendar } from '../../domain/calendar/types.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import { openActionsOf, upcomingFor, type Upcoming } from './agenda.js';
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

/** Cards go out on working days from this London time, not in the middle of the night. */
export const SEND_FROM = '08:00';

const empty = (): Counts => ({ due: 0, sent: 0, alreadySent: 0, unreachable: 0, failed: 0 });
type Counts = { -readonly [K in keyof PreparationRunResult]: PreparationRunResult[K] };

/** The longest lead any pack asks for: the furthest day whose sessions may be due today. */
const longestLead = (): number => Math.max(...allPacks().map(leadWorkingDays));

/**
 * One pass. With the pass index, only the agreements with a session on the next few days (as far
 * as the longest lead reaches) are read, and a session whose card went out is not read again;
 * tables without an index are read whole.
 */
export async function sendDuePreparationCards(deps: PreparationJobDeps, nowIso: string): Promise<PreparationRunResult> {
  const { date: today, time } = utcToLondon(nowIso);
  if (!deps.calendar.isWorkingDay(today) || time < SEND_FROM) return empty();
  const counts = empty();
  const index = await deps.agreements.ensureIndexed(nowIso);
  if (!index) {
    for (const agreement of (await deps.agreements.list()).filter((a) => a.status === 'booked')) await prepare(deps, agreement, nowIso, today, counts);
    return counts;
  }
  const candidates = new Map<string, StoredItem<SessionEntry>[]>();
  /** Sessions whose card went out on an earlier pass: counted as due and already sent, not read. */
  const wentOut = new Set<string>();
  for (let day = today; preparationDay(deps.calendar, day, longestLead()) <= today; day = addDays(day, 1)) {
    for (const entry of await index.sessionsOn(day)) {
      if (entry.value.startUtc <= nowIso) continue;
      if (entry.value.preparationSettled) wentOut.add(`${entry.value.agreementId}|${entry.value.sessionId}`);
      else candidates.set(entry.value.agreementId, [...(candidates.get(entry.value.agreementId) ?? []), entry]);
    }
  }
  for (const [agreementId, entries] of candidates) {
    const agreement = await deps.agreements.get(agreementId);
    if (agreement?.status === 'ended') {
      for (const entry of entries) await index.settle(entry, 'preparationSettled');
      continue;
    }
    if (agreement?.status !== 'booked') continue;
    const outcome = await prepare(deps, agreement, nowIso, today, counts);
    if (!outcome) continue;
    wentOut.delete(`${agreementId}|${outcome.session.sessionId}`);
    if (!outcome.settled) continue;
    for (const entry of entries) if (entry.value.sessionId === outcome.session.sessionId && entry.value.startUtc === outcome.session.startUtc) await index.settle(entry, 'preparationSettled');
  }
  counts.due += wentOut.size;
  counts.alreadySent += wentOut.size;
  return counts;
}

/**
 * One agreement: its next session, if its preparation day has come, gets the card once. Says which
 * session it looked at and whether its card has now gone out (this pass or before).
 */
async function prepare(deps: PreparationJobDeps, agreement: Agreement, nowIso: string, today: string, counts: Counts): Promise<{ session: PlannedSession; settled: boolean } | undefined> {
  try {
    const session = nextSession(agreement, await deps.agreements.sessions(agreement.id), nowIso);
    if (!session) return undefined;
    const pack = deps.packFor(agreement.terms.policyId);
    if (today < preparationDay(deps.calendar, session.date, leadWorkingDays(pack))) return { session, settled: false };
    counts.due++;
    const existing = await deps.records.agenda(agreement.id, session.sessionId);
    if (existing?.preparationSentAt) {
      counts.alreadySent++;
      return { session, settled: true };
    }
    if ((await claim(deps, agreement.id, session.sessionId, nowIso)) === 'already-sent') {
      counts.alreadySent++;
      return { session, settled: true };
    }
    try {
      const u = await upcomingFor(deps, agreement.terms.superviseeId, agreement.id, session.sessionId);
      const carried = openActionsOf(u.actions, session.sessionId);
      const outcome = await deps.deliverCard(u, carried);
      if (outcome === 'delivered') {
        counts.sent++;
        return { session, settled: true };
      }
      counts.unreachable++;
      await release(deps, agreement.id, session.sessionId, nowIso);
      return { session, settled: false };
    } catch (error) {
      await release(deps, agreement.id, session.sessionId, nowIso);
      throw error;
    }
  } catch (error) {
    counts.failed++;
    deps.log?.warn('preparation.send_failed', { agreementId: agreement.id, ...errorFields(error) });
    return undefined;
  }
}
