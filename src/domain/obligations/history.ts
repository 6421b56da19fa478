import { z } from 'zod';
import { isLocalDate } from '../calendar/local-date.js';
import { ZSessionKind } from '../../policy/schema/deadlines.js';
import { ZAgreedFrequency } from '../../policy/schema/frequency.js';

const ZDate = z.string().refine(isLocalDate, { message: 'a calendar date written YYYY-MM-DD' });

/**
 * One agreement's history as the CLI reads it from JSON (and, later, storage). Only facts: the
 * engine works out what was due from the pack.
 */
export const ZHistory = z.strictObject({
  agreement: z.strictObject({
    role: z.string().min(1),
    employmentStart: ZDate,
    /** Start of this supervisory relationship and of the agreement year. */
    agreementDate: ZDate,
    supervisor: z.string().optional(),
    supervisee: z.string().optional(),
    signed: z.strictObject({ supervisor: ZDate.optional(), supervisee: ZDate.optional() }).default({}),
    reviews: z.array(ZDate).default([]),
    supervisorChanges: z.array(ZDate).default([]),
    /** Sefton ¶3.2: when a reduced frequency was agreed (reviewed annually). */
    reducedFrequencyAgreedOn: ZDate.optional(),
    /** Camden NQSW: the progress review that allows monthly supervision. */
    progressReviewDate: ZDate.optional(),
    /** Where the policy leaves the frequency to the two people (CB §10 (L111)): what they agreed. */
    agreedFrequency: ZAgreedFrequency.optional(),
  }),
  sessions: z.array(z.strictObject({
    date: ZDate,
    status: z.enum(['held', 'postponed', 'cancelled']),
    /** What kind of supervision it was (issue 14 b): record deadlines apply per kind. */
    kind: ZSessionKind.default('personal'),
    /** A postponement reason id of the pack (e.g. "manager-sick") or free text. */
    reason: z.string().optional(),
    /** The new date recorded for a postponed or cancelled session. */
    rebookedTo: ZDate.optional(),
    record: z.strictObject({
      sharedOn: ZDate.optional(),
      signedBySupervisor: ZDate.optional(),
      signedBySupervisee: ZDate.optional(),
    }).optional(),
  })).default([]),
  cases: z.array(z.strictObject({
    id: z.string().min(1),
    /** A case category id of the pack (Camden: child-protection, cin, cla, care-leaver; Sefton: child or an exception id). */
    category: z.string().min(1),
    allocatedOn: ZDate,
    closedOn: ZDate.optional(),
    discussions: z.array(ZDate).default([]),
  })).default([]),
  asyeReviews: z.array(ZDate).default([]),
  learningAgreementOn: ZDate.optional(),
  pdrs: z.array(ZDate).default([]),
  pdrReviews: z.array(ZDate).default([]),
  directObservations: z.array(ZDate).default([]),
  supervisorAbsences: z.array(z.strictObject({ from: ZDate, expectedReturn: ZDate, alternativeAgreedOn: ZDate.optional() })).default([]),
  /** K12: dates of shifts worked (Sefton agency/casual residential staff). */
  shiftsWorked: z.array(ZDate).default([]),
  /** Tracked actions agreed in records (Sefton App 3 (L662) "SMART with clear timescales"). */
  actions: z.array(z.strictObject({
    id: z.string().min(1),
    /** Entra id of the person who owns the action. */
    ownerId: z.string().min(1),
    /** The action as agreed, shown in the reminder (never logged). */
    text: z.string().max(1000).optional(),
    due: ZDate,
    /** When it was done or dropped; absent while it is open. */
    closedOn: ZDate.optional(),
    outcome: z.enum(['done', 'dropped']).optional(),
  })).default([]),
});
export type History = z.infer<typeof ZHistory>;
export type HistoryInput = z.input<typeof ZHistory>;
