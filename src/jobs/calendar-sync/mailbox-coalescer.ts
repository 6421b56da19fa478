/**
 * Graph change notifications come in bursts: one pass per mailbox at a time, and a notification
 * arriving during a pass asks for exactly one more (so nothing that changed is missed, and a
 * burst of twenty costs two passes, not twenty).
 */
export class MailboxCoalescer {
  private readonly runs = new Map<string, { again: boolean }>();

  constructor(
    private readonly pass: (mailbox: string) => Promise<void>,
    /** Hands each run to the background registry, so shutdown waits for it. */
    private readonly track: (work: Promise<void>) => void,
  ) {}

  request(mailbox: string): void {
    const running = this.runs.get(mailbox);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: false };
    this.runs.set(mailbox, entry);
    this.track((async () => {
      try {
        do {
          entry.again = false;
          await this.pass(mailbox);
        } while (entry.again);
      } finally {
        this.runs.delete(mailbox);
      }
    })());
  }
}
