import { z } from 'zod';
import { zPolicyValue } from './values.js';

/** Who must act; 'not-specified' where the policy names nobody (K13: the council may set it). */
export const ZParty = z.enum(['supervisor', 'supervisee', 'both', 'service-manager', 'line-manager', 'not-specified']);
export type Party = z.infer<typeof ZParty>;

export const ZCaseCategory = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /** K9 rolling cadence: due = last discussion + months. */
  months: z.number().int().positive(),
});

export const ZAgreementSigned = z.discriminatedUnion('kind', [
  /** K2: deadline = employment start + 7N days. */
  z.strictObject({ kind: z.literal('within-weeks'), weeks: z.number().int().positive(), from: z.literal('employment-start'), by: ZParty }),
  /** Tied to an event, not a number of days (first meeting, start of the relationship). */
  z.strictObject({ kind: z.literal('at-event'), event: z.enum(['start-of-relationship', 'first-supervision']), by: ZParty }),
]);

export const ZPdr = z.discriminatedUnion('kind', [
  /** Completed by a fixed day every year (CB: end of June every municipal year). */
  z.strictObject({ kind: z.literal('annual-by-date'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  /** K10 "annually": last PDR + 12 months. */
  z.strictObject({ kind: z.literal('annual'), months: z.literal(12) }),
]);

/**
 * The kinds of supervision session the policies tell apart (issue 14 b): personal (welfare)
 * supervision, case supervision, group supervision and reflective supervision. A record rule
 * names the kinds it is for (Buckinghamshire's 5 working days are for case supervision notes).
 */
export const ZSessionKind = z.enum(['personal', 'case', 'group', 'reflective']);
export type SessionKind = z.infer<typeof ZSessionKind>;

/** Every deadline and periodic obligation rules.md §2 lists, one slot each, per pack. */
export const ZDeadlines = z.strictObject({
  /** K1: record shared / written within N working days of the session, for sessions of these kinds. */
  recordShared: zPolicyValue(z.strictObject({ workingDays: z.number().int().positive(), record: z.string(), by: ZParty, kinds: z.array(ZSessionKind).min(1) })),
  /** Who signs the session record; no pack gives a day limit for signing. */
  recordSigned: zPolicyValue(z.strictObject({ signatories: z.array(z.enum(['supervisor', 'supervisee'])).min(1) })),
  /** K1 from the original session date. */
  postponementRebooked: zPolicyValue(z.strictObject({ workingDays: z.number().int().positive(), by: ZParty })),
  agreementSigned: zPolicyValue(ZAgreementSigned),
  /** K10: last signature/review + months. */
  agreementReview: zPolicyValue(z.strictObject({ months: z.number().int().positive(), by: ZParty })),
  /** Events that force a review (or a new agreement) before the interval is up. */
  agreementReviewEvents: zPolicyValue(z.array(z.enum(['change-of-supervisor', 'either-party-request']))),
  /** K10 milestones from employment start, for roles with asye=true. */
  asyeReviews: zPolicyValue(z.strictObject({ months: z.array(z.number().int().positive()), by: ZParty })),
  asyeLearningAgreement: zPolicyValue(z.strictObject({ at: z.literal('commencement'), by: ZParty })),
  pdr: zPolicyValue(ZPdr),
  /** K10: PDR date + months. */
  pdrReview: zPolicyValue(z.strictObject({ months: z.number().int().positive(), by: ZParty })),
  /** K10: last observation + months. */
  directObservation: zPolicyValue(z.strictObject({ months: z.number().int().positive(), by: ZParty })),
  /** K9 per case category. */
  caseDiscussion: zPolicyValue(z.strictObject({ categories: z.array(ZCaseCategory).min(1), by: ZParty })),
  /** K7 one case record per calendar month, bimonthly where an exception applies. */
  caseRecordMonthly: zPolicyValue(z.strictObject({
    underAge: z.number().int().positive(),
    bimonthlyExceptions: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    by: ZParty,
  })),
  /** K11: a supervisor away longer than N months must be replaced. */
  supervisorLongAbsence: zPolicyValue(z.strictObject({ months: z.number().int().positive(), by: ZParty })),
  /** A reduced frequency (Sefton ¶3.2) reviewed every N months. */
  reducedFrequencyReview: zPolicyValue(z.strictObject({ months: z.number().int().positive(), by: ZParty })),
});
export type Deadlines = z.infer<typeof ZDeadlines>;

export const ZPostponement = z.strictObject({
  /** Exhaustive list where the policy gives one ("must only be postponed because…"). */
  allowedReasons: zPolicyValue(z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string() })).min(1)),
  /** What must be recorded when a session is postponed. */
  mustRecord: zPolicyValue(z.array(z.enum(['reason', 'new-date'])).min(1)),
});
export type Postponement = z.infer<typeof ZPostponement>;
