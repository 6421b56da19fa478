import { createGraphClient } from '../../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../../src/adapters/graph/token-providers.js';
import { GraphCalendar, type GraphCalendarOptions } from '../../../../src/adapters/graph/calendar/graph-calendar.js';
import type { NewCalendarEvent } from '../../../../src/domain/ports/calendar.js';
import type { DemoPerson } from '../../../../src/sandbox/demo-org.js';
import type { SandboxTenant } from '../../../../src/sandbox/graph-server.js';

/** Fast retries so fault tests stay short; Retry-After from the sandbox is still obeyed. */
export const fastRetry = { baseDelayMs: 20, maxDelayMs: 300, requestTimeoutMs: 5_000, maxAttempts: 12 };

export function calendarFor(tenant: SandboxTenant, options: Partial<GraphCalendarOptions> = {}): GraphCalendar {
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider() });
  return new GraphCalendar({ client, retry: fastRetry, ...options });
}

let serial = 0;

/** n weekday sessions from a start day, one a day at 10:00 UTC, a fresh transactionId prefix per call. */
export function sessionEvents(n: number, attendee: DemoPerson, options: { firstDay?: string; teams?: boolean } = {}): NewCalendarEvent[] {
  const prefix = `t${process.pid.toString(16)}${(serial++).toString(16).padStart(4, '0')}`;
  const first = Date.parse(`${options.firstDay ?? '2026-06-01'}T10:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const start = new Date(first + i * 86_400_000);
    const end = new Date(start.getTime() + 60 * 60_000);
    return {
      transactionId: `${prefix}-${String(i).padStart(4, '0')}`,
      subject: `Supervision test ${prefix} ${i}`,
      body: '<p>Supervision session.</p>',
      startUtc: start.toISOString().replace('.000', ''),
      endUtc: end.toISOString().replace('.000', ''),
      attendees: [{ email: attendee.mail, name: attendee.displayName }],
      isOnlineMeeting: options.teams ?? true,
      categories: ['Supervision'],
      reminderMinutesBeforeStart: 1440,
    };
  });
}

/** Organizer events per transactionId prefix, straight from the sandbox's store. */
export function organizerEvents(tenant: SandboxTenant, mailboxId: string, prefix: string) {
  return [...tenant.store.mailbox(mailboxId).values()].filter((e) => (e.transactionId ?? '').startsWith(prefix));
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}
