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
 * item 3), the other person by name. `at: 'inline'` gives it for the middle of a sentence ("last
 * held …(signed by both, final)"): only the policy's own words start small; a person's name keeps
 * its capital ("Maisie Thornaby disagreed", never "maisie Thornaby").
 */
export function recordStatusFor(
  record: Pick<SessionRecord, 'status' | 'notHeld' | 'supervisor' | 'supervisee'>,
  viewer: 'supervisor' | 'supervisee',
  at: 'start' | 'inline' = 'start',
): string {
  const phrase = recordStatusPhrase(record, viewer);
  return at === 'start' ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
}

/** The state with its words in lower case and names as the directory spells them. */
function recordStatusPhrase(record: Pick<SessionRecord, 'status' | 'notHeld' | 'supervisor' | 'supervisee'>, viewer: 'supervisor' | 'supervisee'): string {
  switch (record.status) {
    case 'draft':
      return viewer === 'supervisor' ? 'you are writing it (a draft is saved)' : `${record.supervisor.name} is writing it`;
    case 'shared':
      return viewer === 'supervisee' ? 'waiting for you to sign it' : `shared, waiting for ${record.supervisee.name} to sign`;
    case 'disputed':
      return viewer === 'supervisee' ? `you disagreed; waiting for ${record.supervisor.name} to amend it` : `${record.supervisee.name} disagreed; waiting for you to amend it`;
    case 'final':
      return 'signed by both, final';
    case 'filed':
      return viewer === 'supervisee' ? 'signed by both and stored in your supervision file' : `signed by both and stored in ${record.supervisee.name}'s supervision file`;
    case 'not-held':
      return record.notHeld ? `the session was ${record.notHeld.outcome}: ${record.notHeld.reason}` : 'the session did not take place';
  }
}

/** "1 item", "2 items". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
