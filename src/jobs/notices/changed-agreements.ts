import type { SyncNotice } from '../../domain/sessions/notice.js';

/**
 * Which agreements the calendar sync's notices say have changed obligations (issue 6 item 1: a
 * cancellation or an ended agreement is swept again at once). Collected while notices render,
 * drained once they are delivered, so the sweep's messages never overtake the notice itself.
 */
export class ChangedAgreements {
  private readonly pending = new Set<string>();

  note(notice: SyncNotice): void {
    if (notice.kind === 'session-postponed' || notice.kind === 'agreement-ended') this.pending.add(notice.agreementId);
  }

  /** Runs `sweep` once per agreement noted since the last drain; a failure does not stop the rest. */
  async drain(sweep: (agreementId: string) => Promise<void>): Promise<void> {
    for (const agreementId of [...this.pending]) {
      this.pending.delete(agreementId);
      await sweep(agreementId).catch(() => undefined);
    }
  }
}
