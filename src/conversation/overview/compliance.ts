import { AppError } from '../../domain/errors.js';
import { dayInWords } from '../../domain/words/dates.js';
import { teamComplianceFor, type TeamComplianceRow } from '../../usecases/overview/team-compliance.js';
import type { Counts } from '../../usecases/compliance/summary.js';
import type { ConversationContext } from '../context.js';
import { text, type Reply, type Speaker } from '../reply.js';
import { tabPointer } from './answers.js';
import { count } from './words.js';

/** "4 of 5 sessions on time, 1 late; 1 record late; 1 escalation". */
export function countsInWords(c: Counts): string {
  if (c.sessionsDue === 0 && c.recordsLate === 0 && c.escalations === 0) return 'nothing was due yet';
  const sessions = `${c.sessionsHeld} of ${count(c.sessionsDue, 'session')} held on time`;
  const problems = [
    c.sessionsLate > 0 ? `${c.sessionsLate} late` : undefined,
    c.sessionsLapsed > 0 ? `**${c.sessionsLapsed} missed**` : undefined,
    c.recordsLate > 0 ? `${count(c.recordsLate, 'record')} late` : undefined,
    c.escalations > 0 ? count(c.escalations, 'escalation') : undefined,
  ].filter((p): p is string => p !== undefined);
  return problems.length > 0 ? `${sessions}; ${problems.join('; ')}` : sessions;
}

function line(r: TeamComplianceRow): string {
  return `- **${r.name}**${r.supervisorName ? ` (supervised by ${r.supervisorName})` : ''}: ${countsInWords(r)}`;
}

/** "team compliance": how each person's supervision kept to the policy over the last 12 months. */
export async function teamCompliance(ctx: ConversationContext, speaker: Speaker): Promise<Reply[]> {
  if (!ctx.compliance) throw new AppError('unavailable', 'Compliance figures are not available in this deployment yet.');
  if (!speaker.personId) throw new AppError('forbidden', 'I cannot tell who you are from this chat, so I cannot show your team.');
  const report = await teamComplianceFor(ctx.compliance, speaker.personId);
  if (report.rows.length === 0) {
    return [text('Nobody you manage has a supervision agreement yet, so there is nothing to report. Type "my team" to see who reports to you.')];
  }
  const head = `**Supervision in your area, ${dayInWords(report.from)} to ${dayInWords(report.to)}**: ${count(report.total.people, 'person', 'people')}, ${countsInWords(report.total)}.`;
  return [text([head, report.rows.map(line).join('\n'), 'Sessions count as due when the policy asked for them; a missed one is past its date with no session held.', tabPointer(ctx, 'each person\'s year in detail')].join('\n\n'))];
}
