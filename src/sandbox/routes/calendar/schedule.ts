import type { Event, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { GraphHttpError } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { readJson } from '../../http/request.js';
import { json } from '../../http/reply.js';
import { parseDateTimeTimeZone, toDateTimeTimeZone } from '../../time.js';
import { contextUrl, mailboxUser } from '../common.js';
import { byStart, overlaps, zoneOf } from './event-answers.js';

/** getSchedule refuses windows this long or longer (Exchange's FreeBusyViewOptions.TimeWindow limit). */
const maxScheduleDays = 62;

const availabilityCode: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const rank: Record<string, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

export const scheduleRoutes = sandboxHono();

// calendar-getschedule.md: free/busy of several people for one window, at most 62 days long.
scheduleRoutes.post('/users/:user/calendar/getSchedule', async (c) => {
  mailboxUser(c, c.req.param('user'));
  const body = await readJson<{ schedules?: unknown; startTime?: Event['start']; endTime?: Event['end']; availabilityViewInterval?: unknown }>(c);
  if (!Array.isArray(body.schedules) || body.schedules.length === 0 || !body.schedules.every((s) => typeof s === 'string')) {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', "The parameter 'schedules' is required and must be a collection of SMTP addresses.");
  }
  const start = parseDateTimeTimeZone(body.startTime, 'startTime');
  const end = parseDateTimeTimeZone(body.endTime, 'endTime');
  if (end <= start) throw new GraphHttpError(400, 'ErrorInvalidTimeInterval', 'The start time must be earlier than the end time.');
  const days = Math.ceil((end - start) / 86_400_000);
  if (end - start >= maxScheduleDays * 86_400_000) {
    throw new GraphHttpError(
      400,
      'ErrorTimeIntervalTooBig',
      `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${maxScheduleDays} days; the actual limit = ${days} days.`,
    );
  }
  const interval = body.availabilityViewInterval === undefined ? 30 : Number(body.availabilityViewInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw new GraphHttpError(400, 'ErrorInvalidParameter', 'The availabilityViewInterval must be between 5 and 1440 minutes.');
  }
  const { zone, headers } = zoneOf(c);
  const outZone = zone ?? 'UTC';
  const { store } = c.var.tenant;
  const value: ScheduleInformation[] = (body.schedules as string[]).map((address) => {
    const u = store.findUser(address);
    if (!u?.id) {
      return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: `The recipient '${address}' couldn't be found.`, responseCode: 'ErrorMailRecipientNotFound' } };
    }
    const busy = [...store.mailbox(u.id).values()]
      .filter((ev) => !ev.data.isCancelled && (ev.data.showAs ?? 'busy') !== 'free' && ev.data.showAs !== 'unknown' && overlaps(ev, start, end))
      .sort(byStart);
    const items: ScheduleItem[] = busy.map((ev) => ({
      isPrivate: ev.data.sensitivity === 'private',
      status: (ev.data.showAs ?? 'busy') as ScheduleItem['status'],
      subject: ev.data.subject ?? '',
      location: ev.data.location?.displayName ?? '',
      isMeeting: (ev.data.attendees?.length ?? 0) > 0,
      isRecurring: false,
      isException: false,
      isReminderSet: ev.data.isReminderOn ?? false,
      start: toDateTimeTimeZone(ev.startMs, outZone),
      end: toDateTimeTimeZone(ev.endMs, outZone),
    }));
    let view = '';
    for (let t = start; t < end; t += interval * 60_000) {
      const slotEnd = Math.min(end, t + interval * 60_000);
      let best = 'free';
      for (const ev of busy) {
        if (ev.startMs < slotEnd && ev.endMs > t) {
          const st = ev.data.showAs ?? 'busy';
          if ((rank[st] ?? 0) > (rank[best] ?? 0)) best = st;
        }
      }
      view += availabilityCode[best] ?? '2';
    }
    return {
      scheduleId: address,
      availabilityView: view,
      scheduleItems: items,
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: 'GMT Standard Time' },
      },
    };
  });
  return json(200, { '@odata.context': contextUrl(c, 'Collection(microsoft.graph.scheduleInformation)'), value }, headers);
});
