import type { PlannedSession } from '../../domain/agreements/types.js';
import { parseInstant } from '../../domain/calendar/instant.js';
import type { RecordDeps } from './deps.js';

/** Issue 5 item 2: the record card goes out at the scheduled end plus 15 minutes. */
export const RECORD_CARD_DELAY_MINUTES = 15;

export function meetingOver(session: Pick<PlannedSession, 'endUtc'>, nowIso: string): boolean {
  return parseInstant(session.endUtc) + RECORD_CARD_DELAY_MINUTES * 60_000 <= parseInstant(nowIso);
}

/**
 * The sessions a supervisor still has to write up: the meeting is over (end + 15 minutes) and
 * the record is missing, still a draft, or disputed (to amend). Newest first.
 */
export async function recordsToWrite(deps: RecordDeps, supervisorId: string): Promise<{ agreementId: string; sessionId: string; date: string }[]> {
  const now = deps.now();
  const links = (await deps.agreements.linksOf(supervisorId)).filter((l) => l.party === 'supervisor');
  const out: { agreementId: string; sessionId: string; date: string }[] = [];
  for (const link of links) {
    const agreementId = link.agreementId;
    const { sessions, records } = await deps.agreements.year(agreementId, ['sessions', 'records']);
    const byId = new Map(records.map((r) => [r.sessionId, r]));
    for (const s of sessions) {
      const record = byId.get(s.sessionId);
      if (record) {
        const rebooked = record.status === 'not-held' && record.notHeld !== undefined && record.notHeld.at < s.startUtc && (s.status === 'booked' || s.status === 'moved') && meetingOver(s, now);
        if ((record.status === 'draft' || record.status === 'disputed' || rebooked) && record.supervisor.id === supervisorId) out.push({ agreementId, sessionId: s.sessionId, date: s.date });
        continue;
      }
      if ((s.status === 'booked' || s.status === 'moved') && meetingOver(s, now)) out.push({ agreementId, sessionId: s.sessionId, date: s.date });
    }
  }
  return out.sort((a, b) => (a.date === b.date ? (a.sessionId < b.sessionId ? 1 : -1) : a.date < b.date ? 1 : -1));
}
