import { createHash } from 'node:crypto';
import type { Agreement, PlannedSession } from '../agreements/types.js';
import type { Person } from '../people/person.js';
import type { NewCalendarEvent } from '../ports/calendar.js';
import type { PolicyPack } from '../../policy/schema.js';

/** Outlook category of every session, so people can filter and colour them. */
export const SUPERVISION_CATEGORY = 'Supervision';
/** A day's notice leaves time to add agenda items in the chat before the session. */
export const REMINDER_MINUTES = 24 * 60;

/**
 * Graph de-duplicates creates by transactionId within a mailbox, so it must be the same on every
 * attempt for a session and different across sessions: a UUID-shaped SHA-256 of agreement and
 * session (version nibble 8, RFC 9562 custom). Its first 12 hex digits depend on the agreement
 * alone, so one agreement's events can be found by prefix.
 */
export function bookingTransactionId(agreementId: string, sessionId: string): string {
  const a = createHash('sha256').update(`agreement:${agreementId}`).digest('hex');
  const s = createHash('sha256').update(`session:${agreementId}/${sessionId}`).digest('hex');
  const variant = ((parseInt(s.charAt(3), 16) & 0x3) | 0x8).toString(16);
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-8${s.slice(0, 3)}-${variant}${s.slice(4, 7)}-${s.slice(7, 19)}`;
}

/** The prefix every transactionId of an agreement starts with. */
export function bookingTransactionPrefix(agreementId: string): string {
  return bookingTransactionId(agreementId, '').slice(0, 13);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sessionSubject(supervisor: Person, supervisee: Person): string {
  return `Supervision: ${supervisee.displayName} and ${supervisor.displayName}`;
}

/**
 * Says what the meeting is and where the preparation happens, and nothing about cases
 * (DESIGN.md "Security": case references by LCS/Mosaic number only, and not in invitations).
 */
export function sessionBody(pack: PolicyPack, session: PlannedSession, supervisor: Person, supervisee: Person): string {
  return [
    `<p>One-to-one supervision for ${escapeHtml(supervisee.displayName)} with ${escapeHtml(supervisor.displayName)}, booked by the Supervision Assistant from the supervision agreement you both signed.</p>`,
    `<p>Policy: ${escapeHtml(pack.title)} (${escapeHtml(pack.council)}). This date keeps ${escapeHtml(session.rule)}.</p>`,
    '<p>Before the session, add your agenda items and answer the preparation prompts in the Supervision Assistant chat in Teams. The record is written and signed there afterwards.</p>',
    '<p>Please keep case details out of this invitation.</p>',
  ].join('\n');
}

export function sessionEvent(agreement: Agreement, pack: PolicyPack, session: PlannedSession, supervisor: Person, supervisee: Person): NewCalendarEvent {
  const format = agreement.terms.format;
  return {
    transactionId: bookingTransactionId(agreement.id, session.sessionId),
    subject: sessionSubject(supervisor, supervisee),
    body: sessionBody(pack, session, supervisor, supervisee),
    startUtc: session.startUtc,
    endUtc: session.endUtc,
    attendees: [{ email: supervisee.mail ?? '', name: supervisee.displayName }],
    isOnlineMeeting: format.kind === 'teams',
    location: format.kind === 'in-person' ? format.location : undefined,
    categories: [SUPERVISION_CATEGORY],
    reminderMinutesBeforeStart: REMINDER_MINUTES,
  };
}
