import type { LocalDate } from '../calendar/types.js';

/**
 * What a supervision year holds besides supervision sessions (issue 14 item 1): the agreement's
 * review, the ASYE learning agreement and 3/6/12-month reviews (Sefton ¶3.14 (L102)), the PDR and
 * its progress review (CB §14 (L155-L156), Sefton ¶4.9 (L148)) and direct observation of practice
 * (Sefton ¶4.6 (L140)). Each is booked as its own meeting and recorded on its own card.
 */
export const MILESTONE_KINDS = ['asye-learning-agreement', 'asye-review', 'agreement-review', 'pdr', 'pdr-review', 'direct-observation'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** What the policy asks for in the year, before a time is found for it. */
export interface MilestoneDue {
  readonly kind: MilestoneKind;
  /** The obligation subject it answers (obligations/periodic.ts): 'month-3', 'learning-agreement', 'year-2027'… */
  readonly subject: string;
  /** As people read it: "ASYE review at 3 months". */
  readonly label: string;
  /** The date the policy asks for it by (K10 milestones on their first working day). */
  readonly due: LocalDate;
  /** The earliest day worth holding it (a review held weeks early says little). */
  readonly earliest: LocalDate;
  /**
   * The day to try first when it is not the due date: a deadline "at least annually" is better
   * met with a little room than on its last day.
   */
  readonly prefer?: LocalDate | undefined;
  /** Citation of the rule (cite()). */
  readonly rule: string;
  /** On the same day as this date, after its session (the ASYE learning agreement at the initial meeting). */
  readonly withSessionOn?: LocalDate | undefined;
  /** Held in person whatever the agreement's format (direct observation happens where the practice is). */
  readonly inPerson?: boolean | undefined;
}

export type MilestoneStatus = 'planned' | 'booked' | 'held' | 'cancelled';

/** One milestone meeting of an agreement year. Key: partition = agreementId, id = milestoneId. */
export interface PlannedMilestone {
  readonly milestoneId: string;
  readonly agreementId: string;
  readonly kind: MilestoneKind;
  readonly subject: string;
  readonly label: string;
  readonly due: LocalDate;
  readonly date: LocalDate;
  /** Local 'HH:MM' in Europe/London. */
  readonly start: string;
  readonly minutes: number;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly rule: string;
  readonly format: { readonly kind: 'teams' } | { readonly kind: 'in-person'; readonly location: string };
  readonly status: MilestoneStatus;
  readonly eventId?: string | undefined;
  readonly joinUrl?: string | undefined;
  readonly webLink?: string | undefined;
}

/** `${agreementId}-m-asye-review-month-3`: deterministic, so a replanned year writes the same rows. */
export function milestoneIdFor(agreementId: string, kind: MilestoneKind, subject: string): string {
  return `${agreementId}-m-${kind}-${subject}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** How people name each kind (record cards, "my records", the CLI's table). */
export const MILESTONE_NAMES: Readonly<Record<MilestoneKind, string>> = {
  'asye-learning-agreement': 'ASYE learning agreement',
  'asye-review': 'ASYE review',
  'agreement-review': 'Review of the supervision agreement',
  pdr: 'Performance and development review (PDR)',
  'pdr-review': 'PDR progress review',
  'direct-observation': 'Direct observation of practice',
};

export function isMilestoneKind(v: unknown): v is MilestoneKind {
  return typeof v === 'string' && (MILESTONE_KINDS as readonly string[]).includes(v);
}
