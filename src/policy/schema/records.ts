import { z } from 'zod';
import { ZParty } from './deadlines.js';
import { ZPolicySource, ZQuote, zPolicyValue } from './values.js';

export const ZEscalationStep = z.strictObject({
  order: z.number().int().positive(),
  /** Whom the step involves, in the policy's words. */
  who: z.string().min(1),
  action: z.string().min(1),
  /** A sub-group the step is for (LE: school vs cluster staff). */
  appliesTo: z.string().optional(),
});
export const ZEscalationPath = zPolicyValue(z.array(ZEscalationStep).min(1));

export const ZEscalation = z.strictObject({
  /** Supervision not happening at the required frequency. */
  missedSupervision: ZEscalationPath,
  /** Disagreement on work, performance or the record. */
  disagreement: ZEscalationPath,
  /** Problems in the supervisory relationship. */
  relationship: ZEscalationPath,
});

export const ZAgenda = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /** The items as the policy numbers and words them; null where the policy names a list it does not reproduce. */
  items: zPolicyValue(z.array(z.strictObject({ number: z.number().int().positive().optional(), text: z.string().min(1) }))),
  /** An order the policy imposes on the session (CA: welfare first, cases last). */
  ordering: zPolicyValue(z.array(z.string())).optional(),
});

export const ZPreparationPrompt = z.strictObject({
  by: ZParty,
  text: z.string().min(1),
  appliesTo: z.string().optional(),
});

export const ZRecordField = z.strictObject({
  name: z.string().min(1),
  /** 'not-specified' where the form does not say who fills the field in. */
  completedBy: ZParty,
});

export const ZRecordTemplate = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Whether the form itself is in the seed, or only named. */
  reproduced: z.boolean(),
  source: ZPolicySource,
  /** The form's heading, or the sentence that names it. */
  quote: ZQuote,
  purpose: z.enum(['agreement', 'staff-session', 'case-session', 'case-decision', 'direct-observation', 'personal-details', 'management-session', 'group-session']),
  fields: z.array(ZRecordField),
  signatures: zPolicyValue(z.array(z.enum(['supervisor', 'supervisee']))),
  storedIn: z.string().optional(),
});

export const ZRetention = zPolicyValue(z.strictObject({
  /** The rule in the policy's terms. */
  rule: z.string().min(1),
  /** Years kept after the employee leaves, when the policy gives a number. */
  yearsAfterLeaving: z.number().int().positive().optional(),
}));

/**
 * How many working days before a session the supervisee gets the preparation card (issue 5
 * item 1). No policy gives a number, so every pack carries it as local configuration (K13).
 */
export const ZPreparation = z.strictObject({
  leadWorkingDays: zPolicyValue(z.number().int().min(0).max(20)),
});

/**
 * Where a case is recorded and how its reference is written, so a case item on an agenda names
 * the case by its number, never by a child's name (Sefton App 3 L551 "use only LCS number; no
 * personal details"; DESIGN.md "Security"). `system` cites the policy; `format` (a regex and an
 * example) is local configuration wherever the policy gives no format.
 */
export const ZCaseReference = z.strictObject({
  system: zPolicyValue(z.string().min(1)),
  format: zPolicyValue(z.strictObject({
    /** What people call the number ("LCS number", "Mosaic ID", "PRN"). */
    label: z.string().min(1),
    /** A JavaScript regular expression the whole reference must match. */
    pattern: z.string().min(1),
    example: z.string().min(1),
  })),
});
