import type { Agreement } from '../agreements/types.js';
import { dayInWords } from '../words/dates.js';
import type { Person } from '../people/person.js';
import type { NewCalendarEvent } from '../ports/calendar.js';
import { bookingTransactionId, REMINDER_MINUTES, SUPERVISION_CATEGORY } from '../sessions/event-content.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { PlannedMilestone } from './types.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Graph de-duplicates creates by transactionId within a mailbox: the same on every attempt for a
 * milestone, different from every session's. The agreement's milestones have a namespace of their
 * own, so they never share the prefix the sessions of the agreement are found by
 * (bookingTransactionPrefix): a milestone is never taken for a session.
 */
export function milestoneTransactionId(agreementId: string, milestoneId: string): string {
  return bookingTransactionId(`milestones:${agreementId}`, milestoneId);
}

/** The prefix every transactionId of an agreement's milestones starts with. */
export function milestoneTransactionPrefix(agreementId: string): string {
  return milestoneTransactionId(agreementId, '').slice(0, 13);
}

/**
 * A review or milestone as its own meeting in the supervisor's mailbox, the supervisee invited
 * (issue 14 item 1): a Teams meeting, or in person where the agreement is (direct observation
 * always is, where the practice happens). Nothing about cases (DESIGN.md "Security").
 */
export function milestoneEvent(agreement: Agreement, pack: PolicyPack, m: PlannedMilestone, supervisor: Person, supervisee: Person): NewCalendarEvent {
  return {
    transactionId: milestoneTransactionId(agreement.id, m.milestoneId),
    subject: `${m.label}: ${supervisee.displayName} and ${supervisor.displayName}`,
    body: [
      `<p>${escapeHtml(m.label)} for ${escapeHtml(supervisee.displayName)} with ${escapeHtml(supervisor.displayName)}, booked by the Supervision Assistant with the year of supervision you both signed.</p>`,
      `<p>${escapeHtml(pack.title)} (${escapeHtml(pack.council)}) asks for it by ${escapeHtml(dayInWords(m.due))}.</p>`,
      '<p>Afterwards the supervisor records in the Supervision Assistant chat in Teams that it took place and its outcome; both of you sign that record there, and it is kept in the supervision file.</p>',
      '<p>Please keep case details out of this invitation.</p>',
    ].join('\n'),
    startUtc: m.startUtc,
    endUtc: m.endUtc,
    attendees: [{ email: supervisee.mail ?? '', name: supervisee.displayName }],
    isOnlineMeeting: m.format.kind === 'teams',
    location: m.format.kind === 'in-person' ? m.format.location : undefined,
    categories: [SUPERVISION_CATEGORY],
    reminderMinutesBeforeStart: REMINDER_MINUTES,
  };
}
