/**
 * Exchange allows an app four concurrent requests per mailbox (Graph docs, concepts/
 * throttling-limits.md "Outlook service limits"); a fifth is refused with 429. Every request this
 * adapter sends to a mailbox first takes one of its slots here, so callers sharing an adapter
 * instance (several agreements of one supervisor booked at once) queue in-process instead of
 * spending round trips on 429s. A sequential $batch holds one slot: its sub-requests run one at
 * a time on the server.
 */
export class MailboxLimiter {
  private readonly mailboxes = new Map<string, { active: number; waiting: Array<() => void>; pausedUntil: number }>();

  constructor(
    readonly slotsPerMailbox: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(slotsPerMailbox) || slotsPerMailbox < 1) throw new RangeError('slotsPerMailbox must be a positive whole number');
  }

  private state(mailbox: string) {
    const key = mailbox.toLowerCase();
    let s = this.mailboxes.get(key);
    if (!s) {
      s = { active: 0, waiting: [], pausedUntil: 0 };
      this.mailboxes.set(key, s);
    }
    return s;
  }

  /** Resolves with a release function once a slot is free and any Retry-After pause is over (FIFO). */
  async acquire(mailbox: string): Promise<() => void> {
    const s = this.state(mailbox);
    if (s.active < this.slotsPerMailbox && s.waiting.length === 0) {
      s.active++;
    } else {
      // The releaser hands its slot straight to the first waiter, so active never drops below
      // what is really in flight and arrival order is kept.
      await new Promise<void>((resolve) => s.waiting.push(resolve));
    }
    for (;;) {
      const wait = s.pausedUntil - this.now();
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = s.waiting.shift();
      if (next) next();
      else s.active--;
    };
  }

  /**
   * Graph's Retry-After applies to the mailbox, not only to the request that got it: every
   * caller waits it out before its next request there.
   */
  pause(mailbox: string, untilMs: number): void {
    const s = this.state(mailbox);
    s.pausedUntil = Math.max(s.pausedUntil, untilMs);
  }

  /** Requests in flight to the mailbox (for tests and metrics). */
  inFlight(mailbox: string): number {
    return this.mailboxes.get(mailbox.toLowerCase())?.active ?? 0;
  }
}
