/**
 * Per-mailbox limits in the shape Exchange applies them to Graph calls: a cap on concurrent
 * requests against one mailbox and a request budget over a sliding window.
 */
export interface ThrottleConfig {
  concurrentPerMailbox: number;
  requestsPerWindow: number;
  windowMs: number;
  /** Retry-After sent when the concurrency cap is hit. */
  retryAfterSeconds: number;
}

export const defaultThrottle: ThrottleConfig = { concurrentPerMailbox: 4, requestsPerWindow: 10_000, windowMs: 600_000, retryAfterSeconds: 1 };

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; retryAfterSeconds: number; code: string; message: string };

export interface MailboxStats {
  requests: number;
  throttled: number;
  active: number;
  peakConcurrent: number;
}

export class MailboxThrottle {
  config: ThrottleConfig;
  private readonly active = new Map<string, number>();
  private readonly windows = new Map<string, number[]>();
  readonly stats = new Map<string, MailboxStats>();

  constructor(config: ThrottleConfig) {
    this.config = config;
  }

  private statsFor(mailbox: string): MailboxStats {
    let s = this.stats.get(mailbox);
    if (!s) {
      s = { requests: 0, throttled: 0, active: 0, peakConcurrent: 0 };
      this.stats.set(mailbox, s);
    }
    return s;
  }

  admit(mailbox: string, nowMs: number): Admission {
    const st = this.statsFor(mailbox);
    st.requests += 1;
    const active = this.active.get(mailbox) ?? 0;
    if (active >= this.config.concurrentPerMailbox) {
      st.throttled += 1;
      return { ok: false, retryAfterSeconds: this.config.retryAfterSeconds, code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' };
    }
    const log = this.windows.get(mailbox) ?? [];
    const cutoff = nowMs - this.config.windowMs;
    let drop = 0;
    while (drop < log.length && (log[drop] as number) <= cutoff) drop++;
    if (drop > 0) log.splice(0, drop);
    if (log.length >= this.config.requestsPerWindow) {
      st.throttled += 1;
      const oldest = log[0] ?? nowMs;
      const wait = Math.max(1, Math.ceil((oldest + this.config.windowMs - nowMs) / 1000));
      this.windows.set(mailbox, log);
      return { ok: false, retryAfterSeconds: wait, code: 'TooManyRequests', message: 'Too many requests. The mailbox request budget for this period is used up; retry after the time given in Retry-After.' };
    }
    log.push(nowMs);
    this.windows.set(mailbox, log);
    this.active.set(mailbox, active + 1);
    st.active = active + 1;
    st.peakConcurrent = Math.max(st.peakConcurrent, active + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const n = (this.active.get(mailbox) ?? 1) - 1;
        this.active.set(mailbox, n);
        st.active = n;
      },
    };
  }

  reset(): void {
    this.active.clear();
    this.windows.clear();
    this.stats.clear();
  }
}
