import { createHash } from 'node:crypto';
import type { Agreement } from '../../domain/agreements/types.js';
import { processBookingJob, type BookingDeps } from '../booking/book-agreement-year.js';
import type { ValidRow } from './onboarding-rows.js';

/** The same relationship and start always gives the same agreement, so a re-run finds it. */
export function onboardingAgreementId(row: ValidRow): string {
  const t = row.terms;
  return `imp-${createHash('sha256').update(`${t.supervisorId}|${t.superviseeId}|${t.agreementDate}`).digest('hex').slice(0, 24)}`;
}

export interface OnboardingProgress {
  readonly done: number;
  readonly total: number;
  readonly events: number;
  readonly failed: number;
}

export interface OnboardingResult extends OnboardingProgress {
  readonly interrupted: boolean;
  readonly failures: readonly { readonly line: number; readonly reason: string }[];
}

/**
 * Books every valid row: the agreement is stored as signed (it was agreed outside the product,
 * which its comment says) and then booked by the same idempotent job the Teams flow uses. An
 * interrupted run stops between rows; running it again skips what is already booked.
 */
export async function bookOnboarding(
  deps: BookingDeps,
  rows: readonly ValidRow[],
  options: { readonly source: string; readonly now: () => string; readonly signal?: AbortSignal; readonly onProgress?: (p: OnboardingProgress) => void },
): Promise<OnboardingResult> {
  let done = 0;
  let events = 0;
  const failures: { line: number; reason: string }[] = [];
  for (const row of rows) {
    if (options.signal?.aborted) return { done, total: rows.length, events, failed: failures.length, interrupted: true, failures };
    const id = onboardingAgreementId(row);
    const agreement: Agreement = {
      id,
      terms: row.terms,
      status: 'signed',
      signatures: {},
      comments: [{ authorId: 'onboarding', at: options.now(), text: `Imported from ${options.source} line ${row.line}: agreed and signed outside Supervision Assistant.` }],
      createdAt: options.now(),
      updatedAt: options.now(),
    };
    // Create-only: a re-run finds the agreement the first run stored.
    await deps.agreements.create(agreement);
    try {
      const summary = await processBookingJob(deps, id);
      events += summary.sessions.filter((s) => s.status === 'booked').length;
    } catch (error) {
      failures.push({ line: row.line, reason: error instanceof Error ? error.message : String(error) });
    }
    done++;
    options.onProgress?.({ done, total: rows.length, events, failed: failures.length });
  }
  return { done, total: rows.length, events, failed: failures.length, interrupted: false, failures };
}
