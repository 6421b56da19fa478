import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/adapters/storage/index.js';
import type { Agreement, PlannedSession } from '../../src/domain/agreements/types.js';
import { createRepositories } from '../../src/repositories/index.js';
import { actionOf, cardIn } from '../../src/sandbox/bot-driver.js';
import { useBot, type Person } from '../support/bot.js';
import { until } from '../support/until.js';

/**
 * Issue 13 item 3 through the Bot Framework protocol: the bot is in the supervision meeting's
 * chat (group chat scope, OnlineMeeting.ReadBasic.Chat). Teams' meeting-end event from that chat
 * sends the record card to the supervisor's own chat at once (well before the scheduled end + 15
 * minutes fallback); nothing about the supervision is posted in the meeting chat, whatever is
 * asked there.
 */
const { stack, bot, channel, person, reportOf } = useBot();

const MEETING_CHAT = '19:meeting_supervision-test@thread.v2';

/** A booked agreement whose Teams meeting started an hour ago and ended a minute ago. */
async function seedMeeting(tm: Person, sw: Person): Promise<{ agreement: Agreement; session: PlannedSession }> {
  const repos = createRepositories(createStorage(stack().azurite.connectionString));
  const id = `mc-${Date.now().toString(36)}`;
  const end = new Date(Date.now() - 60_000);
  const start = new Date(end.getTime() - 60 * 60_000);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = iso(start).slice(0, 10);
  const createdAt = '2026-01-05T09:00:00Z';
  const agreement: Agreement = {
    id, status: 'booked', signatures: {}, comments: [], createdAt, updatedAt: createdAt,
    terms: { policyId: 'sefton', roleId: 'social-worker', supervisorId: tm.id, superviseeId: sw.id, employmentStart: '2020-01-06', agreementDate: date, weekday: 2, time: '10:00', minutes: 60, format: { kind: 'teams' }, keyTasks: '', othersWhoMaySee: [], reviewDate: date },
    parties: { supervisorName: tm.name, superviseeName: sw.name },
  };
  await repos.agreements.create(agreement);
  await repos.agreements.link(tm.id, { agreementId: id, party: 'supervisor', createdAt });
  await repos.agreements.link(sw.id, { agreementId: id, party: 'supervisee', createdAt });
  const session: PlannedSession = {
    sessionId: `${id}-s01`, agreementId: id, date, start: iso(start).slice(11, 16), minutes: 60, startUtc: iso(start), endUtc: iso(end), rule: 'SE-F1', status: 'booked',
    joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id}%40thread.v2/0`,
  };
  await repos.agreements.createSession(session);
  await repos.records.applyAgenda(id, session.sessionId, () => ({
    next: { agreementId: id, sessionId: session.sessionId, items: [{ itemId: 'private-1', kind: 'topic', text: 'Private wellbeing topic', addedById: sw.id, addedByRole: 'supervisee', addedAt: createdAt }], preparation: [], updatedAt: createdAt },
    result: undefined,
  }));
  return { agreement, session };
}

/** An activity as Teams sends it from the meeting's chat. */
function fromMeetingChat(fields: Record<string, unknown>) {
  return { conversation: { id: MEETING_CHAT, conversationType: 'groupChat', isGroup: true, tenantId: 'sandbox' }, channelData: { tenant: { id: 'sandbox' }, meeting: { id: 'meeting-id-base64' } }, ...fields };
}

const inMeetingChat = (from: number) => channel.received.slice(from).filter((a) => a.conversation?.id === MEETING_CHAT);

describe('the bot in the meeting chat (issue 13 item 3)', () => {
  it('the meeting-end event from the meeting chat sends the record card to the supervisor at once; the meeting chat gets nothing', async () => {
    const tm = person('tm1');
    const sw = reportOf('tm1');
    await bot.say(tm, 'hello');
    const { agreement, session } = await seedMeeting(tm, sw);
    const from = bot.mark();
    const started = Date.now();
    const res = await bot.send(tm, fromMeetingChat({
      type: 'event', name: 'application/vnd.microsoft.meetingEnd',
      value: { Id: 'meeting-id-base64', MeetingType: 'Scheduled', JoinUrl: session.joinUrl, Title: 'Supervision', EndTime: session.endUtc },
    }));
    expect(res.status).toBeLessThan(300);
    const card = cardIn(await until('the record card', () => bot.to(tm, from).find((a) => JSON.stringify(a.attachments ?? []).includes(session.sessionId)), 20_000))!;
    // At once: the scheduled end + 15 minutes has not come (the session ended a minute ago).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(Date.parse(session.endUtc) + 15 * 60_000).toBeGreaterThan(Date.now());
    expect(actionOf(card, 'recordShare')?.data).toMatchObject({ agreementId: agreement.id, sessionId: session.sessionId });
    expect(inMeetingChat(from)).toEqual([]);
    // A second end event (Teams may resend) sends nothing more.
    await bot.send(tm, fromMeetingChat({ type: 'event', name: 'application/vnd.microsoft.meetingEnd', value: { JoinUrl: session.joinUrl } }));
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.to(tm, from).filter((a) => JSON.stringify(a.attachments ?? []).includes(session.sessionId))).toHaveLength(1);
  }, 60_000);

  it('the meeting-start event is accepted and posts nothing', async () => {
    const tm = person('tm2');
    const from = bot.mark();
    const res = await bot.send(tm, fromMeetingChat({ type: 'event', name: 'application/vnd.microsoft.meetingStart', value: { Id: 'm', JoinUrl: 'https://teams.microsoft.com/l/meetup-join/x', Title: 'Supervision', StartTime: new Date().toISOString() } }));
    expect(res.status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 300));
    expect(inMeetingChat(from)).toEqual([]);
  });

  it('asked for the agenda or records in the meeting chat, the bot answers with one neutral sentence and no content', async () => {
    const sw = reportOf('tm1');
    for (const text of ['agenda', 'my records', 'write record', 'add to agenda Private wellbeing topic two', 'help']) {
      const from = bot.mark();
      const replies = await bot.turn(sw, fromMeetingChat({ type: 'message', text: `<at>Supervision Assistant</at> ${text}` }));
      const here = replies.filter((a) => a.conversation?.id === MEETING_CHAT);
      expect(here, text).toHaveLength(1);
      expect(here[0]?.text).toContain('Supervision is private');
      expect(here[0]?.attachments ?? []).toEqual([]);
      expect(JSON.stringify(inMeetingChat(from))).not.toContain('Private wellbeing topic');
    }
  });

  it('added to the meeting chat, the bot says why it is there and nothing more; a card press from there is refused', async () => {
    const tm = person('tm1');
    const replies = await bot.turn(tm, fromMeetingChat({ type: 'installationUpdate', action: 'add' }));
    const here = replies.filter((a) => a.conversation?.id === MEETING_CHAT);
    expect(here).toHaveLength(1);
    expect(here[0]?.text).toContain('I post nothing about anyone');
    const res = await bot.send(tm, fromMeetingChat({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'recordOpen', data: { agreementId: 'a', sessionId: 'b' } } } }));
    const body = (await res.json()) as { statusCode: number };
    expect(body.statusCode).toBe(400);
  });
});
