import type { PlannedSession } from '../../domain/agreements/types.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { dayInWords, weekdayWord } from '../../domain/words/dates.js';
import type { Relationship } from '../../usecases/overview/relationships.js';

/** "10:00–11:30". */
export function timeRange(session: Pick<PlannedSession, 'start' | 'minutes'>): string {
  const [h = 0, m = 0] = session.start.split(':').map(Number);
  const end = (h * 60 + m + session.minutes) % (24 * 60);
  return `${session.start}–${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/** "Thursday 31 December 2026, 10:00–11:30". */
export function sessionWhen(session: Pick<PlannedSession, 'date' | 'start' | 'minutes'>): string {
  return `${dayInWords(session.date)}, ${timeRange(session)}`;
}

/** " · [Join the Teams meeting](…)" where the booking made a link, else "". */
export function meetingLink(session: Pick<PlannedSession, 'joinUrl' | 'webLink'>): string {
  return session.joinUrl ? ` · [Join the Teams meeting](${session.joinUrl})` : session.webLink ? ` · [Open in Outlook](${session.webLink})` : '';
}

/** "Tuesdays at 10:00, 90 minutes, Teams meeting". */
export function agreedPattern(r: Relationship): string {
  const t = r.agreement.terms;
  return `${weekdayWord(t.weekday)}s at ${t.time}, ${t.minutes} minutes, ${t.format.kind === 'teams' ? 'Teams meeting' : `in person at ${t.format.location}`}`;
}

/**
 * A record's state as the person looking at it reads it: "you" where they are meant (issue 15
 * item 3), the other person by name.
 */
export function recordStatusFor(record: Pick<SessionRecord, 'status' | 'notHeld' | 'supervisor' | 'supervisee'>, viewer: 'supervisor' | 'supervisee'): string {
  const supervisor = viewer === 'supervisor' ? 'you' : record.supervisor.name;
  const supervisee = viewer === 'supervisee' ? 'you' : record.supervisee.name;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  switch (record.status) {
    case 'draft':
      return viewer === 'supervisor' ? 'You are writing it (a draft is saved)' : `${cap(supervisor)} is writing it`;
    case 'shared':
      return viewer === 'supervisee' ? 'Waiting for you to sign it' : `Shared, waiting for ${supervisee} to sign`;
    case 'disputed':
      return viewer === 'supervisee' ? `You disagreed; waiting for ${supervisor} to amend it` : `${cap(supervisee)} disagreed; waiting for you to amend it`;
    case 'final':
      return 'Signed by both, final';
    case 'filed':
      return viewer === 'supervisee' ? 'Signed by both and stored in your supervision file' : `Signed by both and stored in ${record.supervisee.name}'s supervision file`;
    case 'not-held':
      return record.notHeld ? `The session was ${record.notHeld.outcome}: ${record.notHeld.reason}` : 'The session did not take place';
  }
}

/** "1 item", "2 items". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
