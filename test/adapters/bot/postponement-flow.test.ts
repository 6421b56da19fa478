import { describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../src/adapters/graph/calendar/graph-calendar.js';
import { createGraphClient } from '../../../src/adapters/graph/graph-client.js';
import { sandboxTokenProvider } from '../../../src/adapters/graph/token-providers.js';
import { createStorage } from '../../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../../src/domain/agreements/types.js';
import { createWorkingCalendar, nextWorkingDayOnOrAfter } from '../../../src/domain/calendar/working-calendar.js';
import { ZSyncState } from '../../../src/jobs/calendar-sync/sync-supervisor-calendar.js';
import { agreementKey, agreementStore, sessionKey, sessionStore } from '../../../src/repositories/tables.js';
import { useBot } from '../../support/bot.js';
import type { ChannelActivity } from '../../support/fake-channel.js';
import { until } from '../../support/until.js';

const { stack, channel, bot, person, reportOf } = useBot({ CALENDAR_SYNC_SECONDS: '1', POLICY_PACK: 'camden' });

/** A booked Camden agreement with one two-hour session `daysAhead` away, its meeting in Outlook. */
async function bookedAgreement(id: string, daysAhead: number, hour: number, transactionId: string) {
  const { tenant, azurite } = stack();
  const tm = person('tm1');
  const sw = reportOf('tm1');
  const storage = createStorage(azurite.connectionString);
  const client = createGraphClient({ baseUrl: tenant.graphBaseUrl, tokens: sandboxTokenProvider(), retryDelaySeconds: 1 });
  const cal = createWorkingCalendar({ nation: 'england-and-wales' });
  const date = nextWorkingDayOnOrAfter(cal, new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10));
  const startUtc = `${date}T${String(hour).padStart(2, '0')}:00:00Z`;
  const endUtc = `${date}T${String(hour + 2).padStart(2, '0')}:00:00Z`;
  const agreement: Agreement = {
    id,
    terms: { policyId: 'camden', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: date,
      weekday: 1, time: `${String(hour).padStart(2, '0')}:00`, minutes: 120, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
    status: 'booked', signatures: {}, comments: [], createdAt: startUtc, updatedAt: startUtc,
  };
  await agreementStore(storage).create(agreementKey(agreement.id), agreement);
  const created = await new GraphCalendar({ client }).createEvents(tm.id, [{ transactionId, subject: 'Supervision', body: 'Supervision session', startUtc, endUtc,
    attendees: [{ email: sw.mail, name: sw.name }], isOnlineMeeting: true, categories: ['Supervision'], reminderMinutesBeforeStart: 1440 }]);
  const session: PlannedSession = { sessionId: `${id}-s01`, agreementId: id, date, start: agreement.terms.time, minutes: 120, startUtc, endUtc, rule: 'CA-F1', status: 'booked', eventId: created.created[0]!.eventId };
  await sessionStore(storage).create(sessionKey(id, session.sessionId), session);
  return { tm, sw, storage, client, agreement, session };
}

describe('a session cancelled in Outlook (issue 4 item 5, Camden §6 Postponement / §7 (L102, L142))', () => {
  it('the supervisor is asked for the reason with free slots, and rebooking puts the new time in both calendars', async () => {
    const tm = person('tm1');
    const sw = reportOf('tm1');
    // Both have talked to the bot, so it can reach them proactively.
    for (const p of [tm, sw]) await bot.say(p, 'help');

    const { storage, client, agreement, session } = await bookedAgreement('pf-a1', 7, 10, '00000000-0000-4000-8000-0000000000f1');

    // The first reconcile takes the delta token; only changes after it count.
    const syncState = storage.versioned('calendarsync', ZSyncState);
    await until('the first reconcile', async () => (await syncState.get({ partition: 'mailbox', id: tm.id })) ?? undefined);
    await client.api(`/users/${tm.id}/events/${session.eventId}/cancel`).post({ comment: 'Urgent case' });

    const ask = await until('the postponement card', () =>
      channel.received.find((a: ChannelActivity) => JSON.stringify(a.attachments ?? []).includes('sessionRebook')),
    );
    const content = JSON.stringify(ask.attachments?.[0]?.content);
    expect(content).toContain('An urgent situation has arisen on a case');
    // The rebooking deadline's rule as people read it: Camden's policy title and section, never CA-D1 or a line.
    expect(content).toMatch(/Social work supervision policy, section \d/);
    expect(content).not.toMatch(/CA-D1|\(L\d/);
    const slot = /"value":"(\d{4}-\d{2}-\d{2}T[^"|]+Z\|[^"]+Z)"/.exec(content)?.[1];
    expect(slot).toBeDefined();
    expect((await sessionStore(storage).get(sessionKey(agreement.id, session.sessionId)))?.value.status).toBe('postponed');

    const before = bot.mark();
    const rebooked = await bot.press(tm, 'sessionRebook', { agreementId: agreement.id, sessionId: session.sessionId, reasonId: 'urgent-case-situation', slot });
    expect(rebooked.statusCode).toBe(200);
    await channel.waitFor(before + 2);
    const texts = channel.received.slice(before).map((a) => a.text ?? '');
    expect(texts.some((t) => /^Rebooked for .* and the reason recorded/.test(t))).toBe(true);
    expect(texts.some((t) => /Your supervision has been rebooked/.test(t))).toBe(true);

    const stored = (await sessionStore(storage).get(sessionKey(agreement.id, session.sessionId)))!.value;
    expect(stored).toMatchObject({ status: 'booked', startUtc: slot!.split('|')[0], postponements: [{ reasonId: 'urgent-case-situation' }] });
    const copy = (await client.api(`/users/${sw.id}/calendarView`).query({ startDateTime: stored.startUtc, endDateTime: stored.endUtc }).get()) as { value: { subject: string; isCancelled?: boolean }[] };
    expect(copy.value.filter((e) => !e.isCancelled && e.subject.startsWith('Supervision'))).toHaveLength(1);
  }, 90_000);

  it('end agreement: the supervisor chooses it on a card; future meetings are cancelled and both are told', async () => {
    const { ZAgreementLink } = await import('../../../src/usecases/agreements/deps.js');
    const { tm, storage, client, agreement, session } = await bookedAgreement('pf-a2', 20, 14, '00000000-0000-4000-8000-0000000000f2');
    await storage.versioned('agreementparties', ZAgreementLink).create({ partition: tm.id, id: agreement.id }, { agreementId: agreement.id, party: 'supervisor', createdAt: agreement.createdAt });

    const form = JSON.stringify((await bot.say(tm, 'end agreement'))[0]?.attachments?.[0]?.content);
    expect(form).toContain('agreementEnd');
    expect(form).toContain(`"value":"${agreement.id}"`);

    const end = { agreementId: agreement.id, reason: 'change-of-supervisor' };
    const refused = await bot.press(person('dir'), 'agreementEnd', end);
    expect(refused.statusCode).toBe(403);

    const before = bot.mark();
    const ended = await bot.press(tm, 'agreementEnd', end);
    expect(ended.statusCode).toBe(200);
    await channel.waitFor(before + 3);
    const texts = channel.received.slice(before).map((a) => a.text ?? '');
    expect(texts.filter((t) => /new supervision agreement is needed/.test(t))).toHaveLength(2);
    expect(texts.some((t) => /^Done: 1 future session cancelled/.test(t))).toBe(true);
    await expect(client.api(`/users/${tm.id}/events/${session.eventId}`).get()).rejects.toMatchObject({ statusCode: 404 });
    expect((await agreementStore(storage).get(agreementKey(agreement.id)))?.value.status).toBe('ended');
  }, 60_000);
});
