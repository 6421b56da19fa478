/**
 * Moves each agreement's sessions, records and actions from the three tables of earlier versions
 * into its partition of the year table (repositories/agreement-year.ts), once per deployment, then
 * marks every agreement moved so the old tables are never read again. One instance at a time
 * (lease); a pass the lease or a shutdown stops is taken up by the next, since each agreement's
 * move is create-only and marked when whole. At start, then every ten minutes until marked, after
 * which a pass reads nothing (the mark is remembered).
 */
import type { AgreementRepository } from '../../repositories/agreements.js';
import { every, type PeriodicJob } from '../registry.js';

export function agreementYearsJob(agreements: Pick<AgreementRepository, 'moveYears'>): PeriodicJob {
  return every('agreement-years', 10 * 60_000, async (signal) => {
    const { moved, mark } = await agreements.moveYears(signal);
    return mark === 'already' ? undefined : { moved, [mark]: 1 };
    // Marking is once per deployment and says the old tables may go: always worth an info line.
  }, { leaseSeconds: 60, busy: (c) => (c.moved ?? 0) > 0 || (c.stopped ?? 0) > 0 || (c.marked ?? 0) > 0 });
}
