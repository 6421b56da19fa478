/**
 * From which day every digest has its recipient's copy (DIGEST_COPIES_TABLE in
 * repositories/escalations.ts: "what needs my attention" reads a person's copies in one query,
 * issue 16 item 4). Settling a digest writes its copy from this version on; digests settled before
 * (by an earlier version) have none. So once per deployment, under the sweep's lease (no digest is
 * settled meanwhile), the days "what needs my attention" reads are looked at: `since` is the day
 * after the newest digest found there, or the first of those days when there is none, and the
 * days before it are read from their day partitions until they fall out of the window.
 */
import { addDays } from '../../domain/calendar/local-date.js';
import type { LocalDate } from '../../domain/calendar/types.js';
import { isAppError } from '../../domain/errors.js';
import { COPIES_SINCE_KEY, SWEEP_LOCK, type EscalationRepository } from '../../repositories/escalations.js';
import { ATTENTION_DAYS } from '../../usecases/overview/attention.js';
import { every, type PeriodicJob } from '../registry.js';

export type CopiesMark = 'marked' | 'already' | 'busy' | 'not-kept';

export async function markDigestCopies(escalations: Pick<EscalationRepository, 'tables'>, today: LocalDate): Promise<{ mark: CopiesMark; since?: LocalDate }> {
  const { copiesSince, digests, lock } = escalations.tables;
  if (!copiesSince) return { mark: 'not-kept' };
  const known = await copiesSince.get(COPIES_SINCE_KEY);
  if (known) return { mark: 'already', since: known.value.since };
  const result = await lock.exclusive(SWEEP_LOCK, 60, async () => {
    const days = Array.from({ length: ATTENTION_DAYS }, (_, i) => addDays(today, -i));
    const held = await Promise.all(days.map(async (day) => (await digests.list(day, { limit: 1 })).items.length > 0));
    const newest = days.find((_, i) => held[i]);
    const since = newest === undefined ? (days.at(-1) ?? today) : addDays(newest, 1);
    try {
      await copiesSince.create(COPIES_SINCE_KEY, { since });
      return since;
    } catch (error) {
      // Another instance marked it first: theirs stands.
      if (isAppError(error) && error.code === 'conflict') return (await copiesSince.get(COPIES_SINCE_KEY))?.value.since ?? since;
      throw error;
    }
  });
  return result.ran ? { mark: 'marked', since: result.result } : { mark: 'busy' };
}

/** At start, and every ten minutes until it is done (the sweep may hold its lease at start). */
export function digestCopiesJob(escalations: Pick<EscalationRepository, 'tables'>, today: () => LocalDate): PeriodicJob {
  return every('digest-copies', 10 * 60_000, async () => {
    const { mark } = await markDigestCopies(escalations, today());
    return mark === 'already' || mark === 'not-kept' ? undefined : { [mark]: 1 };
  });
}
