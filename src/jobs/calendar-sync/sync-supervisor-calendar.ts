import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { addDays, addMonths } from '../../domain/calendar/local-date.js';
import { londonToUtc, utcToLondon } from '../../domain/calendar/london-time.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import type { CalendarEventChange, CalendarGateway } from '../../domain/ports/calendar.js';
import { silentLogger, type Logger } from '../../observability/logger.js';
import { sessionChangeFrom } from '../../domain/sessions/event-change.js';
import type { PolicyPack } from '../../policy/schema.js';
import { checkSessionMove } from '../../usecases/sessions/check-session-move.js';
import { rebookingOffer } from '../../usecases/sessions/rebooking-offer.js';
import type { SyncNotice } from '../../domain/sessions/notice.js';
import type { AgreementRepository } from '../../repositories/agreements.js';
import type { CalendarSyncRepository } from '../../repositories/calendar-sync.js';
import type { NoticeRepository } from '../../repositories/notices.js';

export { ZSyncState, type SyncState } from '../../repositories/calendar-sync.js';

/** The calendar the sync needs: the port, and a look at one event (what a `@removed` really was). */
export interface SyncCalendar extends CalendarGateway {
  eventChange(mailboxId: string, eventId: string): Promise<CalendarEventChange>;
}

export interface CalendarSyncDeps {
  readonly calendar: SyncCalendar;
  readonly agreements: AgreementRepository;
  readonly syncState: CalendarSyncRepository;
  readonly notices: NoticeRepository;
  readonly packFor: (policyId: string) => PolicyPack;
  readonly now: () => string;
  /** Where a pass says it synchronised the mailbox in full again, and why (codes only). */
  readonly log?: Logger;
}

/** Why a pass listed the whole window again instead of reading changes. */
export type SyncResetReason = 'delta_token_expired' | 'delta_link_moved' | 'window_widened' | 'window_unknown';

export interface SyncSummary {
  readonly changesSeen: number;
  readonly moved: number;
  readonly postponed: number;
  readonly notices: number;
  readonly reset?: SyncResetReason | undefined;
}

type Window = { readonly fromUtc: string; readonly toUtc: string };

/**
 * The calendarView window that holds every session of the supervisor's booked agreements: from
 * the earliest agreement date (or session) to the day after the last agreement year (or session)
 * ends, London midnights.
 */
function windowFor(agreements: readonly Agreement[], sessions: readonly PlannedSession[]): Window {
  const starts = [...agreements.map((a) => a.terms.agreementDate), ...sessions.map((s) => s.date)].sort();
  const ends = [...agreements.map((a) => addMonths(a.terms.agreementDate, 12)), ...sessions.map((s) => s.date)].sort();
  const first = starts[0] as string;
  const last = ends.at(-1) as string;
  return { fromUtc: londonToUtc(first, '00:00'), toUtc: londonToUtc(addDays(last, 1), '00:00') };
}

function covers(outer: Window, inner: Window): boolean {
  return parseInstant(outer.fromUtc) <= parseInstant(inner.fromUtc) && parseInstant(outer.toUtc) >= parseInstant(inner.toUtc);
}

function union(a: Window, b: Window): Window {
  return {
    fromUtc: parseInstant(a.fromUtc) <= parseInstant(b.fromUtc) ? a.fromUtc : b.fromUtc,
    toUtc: parseInstant(a.toUtc) >= parseInstant(b.toUtc) ? a.toUtc : b.toUtc,
  };
}

/** Writes a notice once: a rerun after a crash meets the existing row and moves on. */
async function keep(notices: NoticeRepository, id: string, notice: SyncNotice): Promise<boolean> {
  return (await notices.add(id, notice)) === 'created';
}

/**
 * Brings one supervisor's booked sessions in step with their Outlook calendar (issue 4 item 5):
 * a moved event moves the session and is checked against the pack; a cancelled, deleted or
 * declined event postpones it, starts the pack's rebooking deadline and offers free slots.
 * Resumable: notices are kept before sessions change, and the delta token is saved last, so a
 * crash replays the same changes, which are then no-ops.
 */
export async function syncSupervisorCalendar(deps: CalendarSyncDeps, supervisorId: string): Promise<SyncSummary> {
  const agreements = (await deps.agreements.list())
    .filter((a) => a.terms.supervisorId === supervisorId && a.status === 'booked');
  if (agreements.length === 0) return { changesSeen: 0, moved: 0, postponed: 0, notices: 0 };

  const byEvent = new Map<string, { agreement: Agreement; item: { value: PlannedSession } }>();
  const sessionsOf = new Map<string, PlannedSession[]>();
  for (const agreement of agreements) {
    const sessions = await deps.agreements.sessions(agreement.id);
    sessionsOf.set(agreement.id, sessions);
    for (const value of sessions) if (value.eventId) byEvent.set(value.eventId, { agreement, item: { value } });
  }

  // A delta token keeps the window of its first round for ever, and Outlook reports events outside
  // it only as `@removed` (event-delta.md). So the window must hold every session: when a later
  // agreement (or a session moved far) needs more, the mailbox is listed in full over the wider one.
  const wanted = windowFor(agreements, [...sessionsOf.values()].flat());
  const state = await deps.syncState.syncState(supervisorId);
  let token = state?.token;
  let window = wanted;
  let reset: SyncResetReason | undefined;
  if (state && !state.window) {
    token = undefined;
    reset = 'window_unknown';
  } else if (state?.window && !covers(state.window, wanted)) {
    token = undefined;
    reset = 'window_widened';
    window = union(state.window, wanted);
  } else if (state?.window) {
    window = state.window;
  }
  const delta = await deps.calendar.changes(supervisorId, token, window);
  if (delta.restarted === 'token-expired') reset = 'delta_token_expired';
  if (delta.restarted === 'link-moved') reset = 'delta_link_moved';
  if (reset) (deps.log ?? silentLogger).info('calendar_sync.reset', { reason: reset });
  const { nextToken } = delta;
  let changes = await confirmRemovals(deps, supervisorId, delta.changes, byEvent);
  if (token === undefined || delta.restarted) {
    // A first round (or one started again) lists what exists, so a meeting deleted before it
    // would never show as a change: a booked session whose event is missing from the listing was deleted.
    const listed = new Set(changes.map((c) => c.eventId));
    const missing = [...byEvent.entries()]
      .filter(([eventId, { item }]) => !listed.has(eventId) && (item.value.status === 'booked' || item.value.status === 'moved'))
      .map(([eventId]) => ({ eventId, kind: 'deleted' as const }));
    changes = [...changes, ...missing];
  }

  let moved = 0;
  let postponed = 0;
  let notices = 0;
  const today = utcToLondon(deps.now()).date;
  for (const change of changes) {
    const hit = byEvent.get(change.eventId);
    if (!hit) continue;
    const { agreement, item } = hit;
    const meaning = sessionChangeFrom(item.value, change);
    if (meaning.kind === 'none') continue;
    const pack = deps.packFor(agreement.terms.policyId);
    const base = {
      recipientId: agreement.terms.supervisorId,
      agreementId: agreement.id,
      sessionId: item.value.sessionId,
      createdAt: deps.now(),
      date: meaning.session.date,
      start: meaning.session.start,
    };
    if (meaning.kind === 'moved') {
      const all = sessionsOf.get(agreement.id) ?? [];
      const violations = checkSessionMove(pack, agreement.terms, all, meaning.session);
      const notice: SyncNotice = {
        ...base,
        kind: violations.length > 0 ? 'session-move-breaks-policy' : 'session-moved',
        cause: 'moved',
        violations: violations.map((v) => ({ rule: v.rule, reason: v.reason })),
      };
      if (await keep(deps.notices, `${item.value.sessionId}:moved:${meaning.session.startUtc}`, notice)) notices++;
      moved++;
    } else {
      const busy = await deps.calendar.busy(
        [agreement.terms.supervisorId, agreement.terms.superviseeId],
        londonToUtc(addDays(today, 1), '00:00'),
        londonToUtc(addDays(today, 30), '00:00'),
      );
      const offer = rebookingOffer({ pack, session: meaning.session, postponedOn: today, busy: [...busy.values()].flat() });
      const notice: SyncNotice = { ...base, kind: 'session-postponed', cause: meaning.cause, violations: [], rebooking: { due: offer.due, rule: offer.rule, slots: [...offer.slots] } };
      if (await keep(deps.notices, `${item.value.sessionId}:postponed:${item.value.startUtc}`, notice)) notices++;
      postponed++;
    }
    // Applied to what is stored at write time: a concurrent writer (the record card, a second
    // sync) is not overwritten, and a change already applied is not applied twice.
    await deps.agreements.applySession(agreement.id, item.value.sessionId, (current) => {
      if (!current) return { result: undefined };
      const now = sessionChangeFrom(current, change);
      return now.kind === 'none' ? { result: undefined } : { next: now.session, result: undefined };
    });
  }

  await deps.syncState.saveSyncState(supervisorId, { token: nextToken, syncedAt: deps.now(), window });
  return { changesSeen: changes.length, moved, postponed, notices, ...(reset ? { reset } : {}) };
}

/**
 * `@removed` means deleted, or moved (or changed) outside the window: for a session's event, the
 * event itself says which. Removals of events that are no session's are left as they are.
 */
async function confirmRemovals(
  deps: CalendarSyncDeps,
  mailboxId: string,
  changes: readonly CalendarEventChange[],
  byEvent: ReadonlyMap<string, unknown>,
): Promise<CalendarEventChange[]> {
  const out: CalendarEventChange[] = [];
  for (const change of changes) {
    out.push(change.removedFromView && byEvent.has(change.eventId) ? await deps.calendar.eventChange(mailboxId, change.eventId) : change);
  }
  return out;
}
