import type { AgreedFrequency } from '../../policy/schema/frequency.js';
import type { IsoWeekday, LocalDate } from '../calendar/types.js';

/**
 * The supervision agreement (Sefton App 1 / ¶8.1, CB BIC 532 §9, Leeds App 2, Camden §6
 * "Supervision contract"): what both parties sign, and the year of sessions it books.
 */
export interface AgreementTerms {
  readonly policyId: string;
  readonly roleId: string;
  /** Entra object ids. */
  readonly supervisorId: string;
  readonly superviseeId: string;
  readonly employmentStart: LocalDate;
  /** First day of the agreement year; sessions are booked in [agreementDate, agreementDate + 12 months). */
  readonly agreementDate: LocalDate;
  readonly weekday: IsoWeekday;
  /** Local 'HH:MM' in Europe/London. */
  readonly time: string;
  readonly minutes: number;
  readonly format: { readonly kind: 'teams' } | { readonly kind: 'in-person'; readonly location: string };
  readonly keyTasks: string;
  /** Sefton ¶8.1 / App 1 L342 "Others who may see the record": Entra object ids. */
  readonly othersWhoMaySee: readonly string[];
  /** Sefton ¶8.1 (L250): the manager the supervisee can contact about disagreements. */
  readonly seniorManagerId?: string | undefined;
  readonly reviewDate: LocalDate;
  /** Camden §6 NQSW: the move to monthly needs a recorded progress review. */
  readonly progressReviewDate?: LocalDate | undefined;
  /** The pack phase of the role the supervisee is in when the agreement is made (e.g. Sefton NQSW weekly). */
  readonly phaseId?: string | undefined;
  /** Where the policy leaves the frequency to the two people (CB §10 (L111)): what they agreed (issue 14 c). */
  readonly agreedFrequency?: AgreedFrequency | undefined;
}

export type AgreementStatus =
  | 'draft'
  | 'awaiting-supervisee'
  | 'changes-requested'
  | 'awaiting-supervisor'
  | 'signed'
  | 'booked'
  | 'ended';

/** DESIGN.md "Signatures": Entra object id, name, time, and the SHA-256 of the canonical JSON seen. */
export interface Signature {
  readonly signerId: string;
  readonly signerName: string;
  /** ISO instant. */
  readonly signedAt: string;
  /** Hex SHA-256 of the canonical JSON of the terms the signer saw. */
  readonly hash: string;
}

export interface AgreementComment {
  readonly authorId: string;
  readonly at: string;
  readonly text: string;
}

export type SessionStatus = 'planned' | 'booked' | 'moved' | 'postponed' | 'cancelled' | 'held';

/** One session of the agreement year. `sessionId` is deterministic: `${agreementId}-s${nn}`. */
export interface PlannedSession {
  readonly sessionId: string;
  readonly agreementId: string;
  readonly date: LocalDate;
  readonly start: string;
  readonly minutes: number;
  readonly startUtc: string;
  readonly endUtc: string;
  /** Citation of the frequency rule that placed it. */
  readonly rule: string;
  readonly status: SessionStatus;
  /** Outlook event in the supervisor's mailbox (the organizer), once booked. */
  readonly eventId?: string | undefined;
  readonly joinUrl?: string | undefined;
  readonly webLink?: string | undefined;
  /**
   * Booked as a Teams meeting, but Outlook made it without a Teams link (the supervisor's calendar
   * offers no online meeting provider): people are told to add one in Outlook.
   */
  readonly teamsLinkMissing?: true | undefined;
  /** Camden §7 (L142): each postponement with its reason and the date it moved to. */
  readonly postponements?: readonly SessionPostponement[] | undefined;
  /**
   * A rebooking under way: the new time claimed before its meeting is created in Outlook, so two
   * presses for different times cannot both create one (issue 16 M2). Cleared once booked.
   */
  readonly rebooking?: RebookingClaim | undefined;
}

export interface RebookingClaim {
  readonly startUtc: string;
  readonly endUtc: string;
  /** ISO instant; a claim older than a few minutes was left by a crash and may be released. */
  readonly claimedAt: string;
  readonly by: string;
}

export interface SessionPostponement {
  /** ISO instant the postponement was recorded. */
  readonly recordedAt: string;
  readonly recordedBy: string;
  /** Id of an allowed reason where the pack lists them (Camden CA-E2), else absent. */
  readonly reasonId?: string | undefined;
  readonly reason: string;
  readonly fromDate: string;
  readonly toDate: string;
}

export interface Agreement {
  readonly id: string;
  readonly terms: AgreementTerms;
  readonly status: AgreementStatus;
  readonly signatures: { readonly supervisee?: Signature | undefined; readonly supervisor?: Signature | undefined };
  readonly comments: readonly AgreementComment[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Bumped whenever the terms change, so a card shows which version a person is looking at. */
  readonly revision?: number | undefined;
  /** Display names captured when the agreement was drafted, so cards need no directory call. */
  readonly parties?: { readonly supervisorName: string; readonly superviseeName: string } | undefined;
  /** Whether the last send reached the supervisee's chat; 'unreachable' until they talk to the bot. */
  readonly superviseeNotified?: 'delivered' | 'unreachable' | undefined;
  /** When the booking job was queued (set once both have signed). */
  readonly bookingRequestedAt?: string | undefined;
  /** When both parties were sent the booking confirmation, so it is sent once. */
  readonly confirmationSentAt?: string | undefined;
  /**
   * The booking confirmation per person (issue 4 item 4, "never lose a user's data"): claimed once,
   * then each person's card is attempted (`sendingTo`, an ETag-written claim so two instances do not
   * both send) and recorded as delivered only after the send succeeded. A row with only the older
   * `confirmationSentAt` counts as delivered to both.
   */
  readonly confirmation?: BookingConfirmation | undefined;
  /**
   * What happened to the agreement, written in the same document as the change it records, so
   * the state and its audit trail cannot disagree (DESIGN.md "Conventions": state change and audit event together).
   */
  readonly history?: readonly AgreementEvent[] | undefined;
  /**
   * The agreement this one renews at its review (issue 14 item 3), and the last session booked in
   * that one's year, so the gaps between sessions run on across the year's end without a break.
   */
  readonly renews?: { readonly agreementId: string; readonly lastSession?: LocalDate | undefined } | undefined;
  /** The reviewed agreement both signed, the day they had, and the day its year starts: this one's review. */
  readonly renewedBy?: { readonly agreementId: string; readonly signedOn: LocalDate; readonly from: LocalDate } | undefined;
  /** The review offered (review date reached, or the supervisor changed): the pre-filled next agreement and who was sent it. */
  readonly review?: AgreementReviewOffer | undefined;
  /**
   * The supervisee's manager as the directory named them when the review pass first looked. A
   * change of supervisor (Sefton ¶8.1) is seen as that manager changing when they were the
   * supervisor; someone supervised by another (a senior practitioner, an ASYE assessor) is not
   * brought back just because their supervisor is not their line manager.
   */
  readonly lineManagerId?: string | undefined;
  /**
   * The year's sessions as the booking job planned them, written once (ETag) before any session
   * row, so every run of the job (a second instance, a redelivered message) writes the rows of the
   * same plan and none deletes rows another is still writing (issue 16 item 3). Cleared once booked.
   */
  readonly plan?: { readonly plannedAt: string; readonly sessions: readonly PlannedSession[] } | undefined;
}

export interface AgreementReviewOffer {
  readonly reason: 'review-date' | 'change-of-supervisor';
  /** The pre-filled agreement both review and sign. */
  readonly successorId: string;
  /** ISO instant the offer was made. */
  readonly offeredAt: string;
  /** ISO instants each person's card was delivered; a crash between sends resumes with the rest. */
  readonly sentTo: { readonly supervisor?: string | undefined; readonly supervisee?: string | undefined };
  /** Sends tried per person (claimed before each send, so instances share the count), for the backoff. */
  readonly attempts?: { readonly supervisor?: SendAttempts | undefined; readonly supervisee?: SendAttempts | undefined } | undefined;
  /** ISO instant the sends to a person stopped after the last attempt found them unreachable. */
  readonly gaveUp?: { readonly supervisor?: string | undefined; readonly supervisee?: string | undefined } | undefined;
}

export interface SendAttempts {
  readonly count: number;
  /** ISO instant of the last attempt. */
  readonly lastAt: string;
}

export type AgreementParty = 'supervisor' | 'supervisee';

export interface BookingConfirmation {
  /** ISO instant the confirmation was first claimed (the booking finished). */
  readonly claimedAt: string;
  /** ISO instant each person's card was delivered. */
  readonly deliveredTo: { readonly supervisor?: string | undefined; readonly supervisee?: string | undefined };
  /** ISO instant of the latest claimed attempt per person; an attempt older than the backstop's window may be retried. */
  readonly sendingTo?: { readonly supervisor?: string | undefined; readonly supervisee?: string | undefined } | undefined;
  /** Attempts claimed per person, the claim included (confirmation.ts: the backoff and when to stop); rows from before count one. */
  readonly attempts?: { readonly supervisor?: number | undefined; readonly supervisee?: number | undefined } | undefined;
}

export interface AgreementEvent {
  readonly at: string;
  /** Entra object id of who did it. */
  readonly by: string;
  readonly event: 'sent' | 'changes-requested' | 'revised' | 'signed-by-supervisee' | 'signed-by-supervisor';
  /** The terms hash the event concerns (what was sent, revised or signed). */
  readonly hash?: string | undefined;
}
