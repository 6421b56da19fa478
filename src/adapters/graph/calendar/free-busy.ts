import type { ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { formatInstant, parseInstant } from '../../../domain/calendar/instant.js';
import { AppError } from '../../../domain/errors.js';
import type { BusyInterval } from '../../../domain/schedule/types.js';
import { runBatches, type BatchPlan } from './batch-runner.js';
import { graphUtc, utcInstant } from './graph-date-time.js';
import { codeFor, type CalendarContext } from './graph-request.js';
import type { MailboxAddresses } from './mailbox-addresses.js';

/** getSchedule refuses windows of 62 days or more (calendar-getschedule.md); 8 weeks stays clear of it. */
export const SCHEDULE_WINDOW_DAYS = 56;
/** getSchedule answers for at most 20 people per call. */
const SCHEDULES_PER_REQUEST = 20;
const DAY_MS = 86_400_000;

export interface FreeBusyOptions {
  readonly windowDays: number;
  readonly maxBatch: number;
  readonly addresses: MailboxAddresses;
}

interface ScheduleQuery {
  /** The mailbox the call goes through (and is charged to). */
  readonly viewer: string;
  readonly schedules: readonly string[];
  readonly start: number;
  readonly end: number;
}

type ScheduleAnswer = { value?: ScheduleInformation[] };

/** busy, tentative and out-of-office block a session; free and workingElsewhere do not. */
function isBusy(item: ScheduleItem): boolean {
  const status = String(item.status ?? 'busy').toLowerCase();
  return status === 'busy' || status === 'tentative' || status === 'oof';
}

function mergeIntervals(list: readonly BusyInterval[]): BusyInterval[] {
  const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: BusyInterval[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) {
      if (b.end > last.end) out[out.length - 1] = { start: last.start, end: b.end };
    } else {
      out.push(b);
    }
  }
  return out;
}

/** POST /users/{viewer}/calendar/getSchedule, as a parallel batch's sub-request. */
function schedulePlan(context: CalendarContext, maxBatch: number): BatchPlan<ScheduleQuery, ScheduleAnswer> {
  return {
    batching: { kind: 'parallel', maxBatch },
    mailboxOf: (q) => q.viewer,
    request: (q) => ({
      method: 'POST',
      url: `/users/${encodeURIComponent(q.viewer)}/calendar/getSchedule`,
      headers: { 'Content-Type': 'application/json', Prefer: 'outlook.timezone="UTC"' },
      body: {
        schedules: q.schedules,
        startTime: { dateTime: graphUtc(formatInstant(q.start)), timeZone: 'UTC' },
        endTime: { dateTime: graphUtc(formatInstant(q.end)), timeZone: 'UTC' },
        // Only scheduleItems are read; the widest slot keeps the availabilityView short.
        availabilityViewInterval: 1440,
      },
    }),
    read: (_q, body) => (body ?? {}) as ScheduleAnswer,
    incompleteReason: 'getSchedule answered without a body',
    onSend: (queries) => {
      context.stats.scheduleRequests += queries.length;
    },
    // Free/busy with a hole in it would book over someone's meeting: one failure fails the call.
    onFailure: (failure) => {
      if (failure.gaveUp) throw new AppError('unavailable', `Graph getSchedule failed after ${failure.attempts} attempts: ${failure.reason}`);
      throw new AppError(codeFor(failure.status), `Graph getSchedule failed: ${failure.reason}`);
    },
  };
}

/** Busy time of each person between two instants, in getSchedule windows under 62 days. */
export async function freeBusy(
  context: CalendarContext,
  options: FreeBusyOptions,
  mailboxIds: readonly string[],
  fromUtc: string,
  toUtc: string,
): Promise<ReadonlyMap<string, readonly BusyInterval[]>> {
  const out = new Map<string, BusyInterval[]>();
  if (mailboxIds.length === 0) return out;
  const from = parseInstant(fromUtc);
  const to = parseInstant(toUtc);
  if (!(to > from)) throw new AppError('invalid_input', 'busy: the window must end after it starts');
  const ids = [...new Set(mailboxIds)];
  for (const id of ids) out.set(id, []);
  const idOfAddress = new Map<string, string>();
  await Promise.all(ids.map(async (id) => idOfAddress.set((await options.addresses.of(id)).toLowerCase(), id)));
  const windowMs = options.windowDays * DAY_MS;
  const windows: Array<[number, number]> = [];
  for (let start = from; start < to; start += windowMs) windows.push([start, Math.min(to, start + windowMs)]);
  const groups: string[][] = [];
  const addresses = [...idOfAddress.keys()];
  for (let i = 0; i < addresses.length; i += SCHEDULES_PER_REQUEST) groups.push(addresses.slice(i, i + SCHEDULES_PER_REQUEST));

  // getSchedule may be asked through any mailbox and is charged to that one: the windows are
  // spread over the people asked about, and sent as parallel $batch requests in which no
  // mailbox appears twice, so a year costs one round trip and stays within each mailbox's
  // four concurrent requests.
  const queries: ScheduleQuery[] = windows.flatMap(([start, end], w) =>
    groups.map((schedules, g) => ({ viewer: ids[(w * groups.length + g) % ids.length] as string, schedules, start, end })),
  );
  const answers = await runBatches(context, queries, schedulePlan(context, options.maxBatch));
  for (const answer of answers) {
    if (!answer.ok) continue; // onFailure has thrown already
    for (const info of answer.value.value ?? []) {
      const id = idOfAddress.get((info.scheduleId ?? '').toLowerCase());
      if (id === undefined) continue;
      if (info.error) {
        throw new AppError(info.error.responseCode === 'ErrorMailRecipientNotFound' ? 'not_found' : 'unavailable', `free/busy unavailable for a person (${info.error.responseCode ?? 'error'})`);
      }
      const list = out.get(id) as BusyInterval[];
      for (const item of info.scheduleItems ?? []) {
        if (!isBusy(item)) continue;
        const start = utcInstant(item.start?.dateTime);
        const end = utcInstant(item.end?.dateTime);
        if (start && end) list.push({ start, end });
      }
    }
  }
  for (const [id, list] of out) out.set(id, mergeIntervals(list));
  return out;
}
