import { z } from 'zod';
import { ZPolicySource, ZQuote, zPolicyValue } from './values.js';

/**
 * How often, in the policy's own terms; resolve-phases maps each onto a FrequencyRule of
 * src/domain/schedule/types.ts using conventions.md.
 */
export const ZFrequency = z.discriminatedUnion('kind', [
  /** K4 "at least every N weeks": next session <= previous + days. */
  z.strictObject({ kind: z.literal('max-gap'), days: z.number().int().positive() }),
  /** K5 "weekly / fortnightly / monthly": every period anchored at the phase start holds a session. */
  z.strictObject({ kind: z.literal('per-period'), unit: z.enum(['days', 'months']), length: z.number().int().positive() }),
  /**
   * K8 "bi-monthly": every two calendar months, never twice a month; where the policy also sets
   * a floor ("not less than once every eight weeks") the floor wins and the rule is a max gap.
   */
  z.strictObject({
    kind: z.literal('bi-monthly'),
    floor: z.strictObject({ days: z.number().int().positive(), source: ZPolicySource, quote: ZQuote }).optional(),
  }),
  /** K12 "every 16 sessions they work": counts shifts, not calendar time; no calendar schedule follows. */
  z.strictObject({ kind: z.literal('per-shifts'), shifts: z.number().int().positive() }),
  /**
   * The policy leaves the number to the two people (Central Bedfordshire §10 (L111): "individual
   * frequency of supervision agreed at outset"): the agreement holds it (AgreedFrequency), and an
   * agreement without one breaks the rule (issue 14 c).
   */
  z.strictObject({ kind: z.literal('as-agreed') }),
]);
export type Frequency = z.infer<typeof ZFrequency>;

/**
 * A frequency two people agreed and wrote in their agreement, where the policy leaves it to them:
 * a maximum gap (K4, "every 6 weeks") or one per period (K5, "monthly").
 */
export const ZAgreedFrequency = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('max-gap'), days: z.number().int().min(1).max(365) }),
  z.strictObject({ kind: z.literal('per-period'), unit: z.enum(['days', 'months']), length: z.number().int().min(1).max(12) }),
]);
export type AgreedFrequency = z.infer<typeof ZAgreedFrequency>;

/** An agreed frequency in words ("at most 42 days apart", "one each calendar month"). */
export function agreedFrequencyText(f: AgreedFrequency): string {
  if (f.kind === 'max-gap') return f.days % 7 === 0 ? `at least every ${f.days / 7 === 1 ? 'week' : `${f.days / 7} weeks`}` : `at most ${f.days} days apart`;
  if (f.unit === 'months') return f.length === 1 ? 'monthly (each month from the start)' : `every ${f.length} months`;
  return f.length === 7 ? 'weekly' : f.length === 14 ? 'fortnightly' : `one in every ${f.length} days`;
}

export const ZFrequencyValue = zPolicyValue(ZFrequency);

/** Calendar offset steps applied in order: days/weeks as 7-day blocks, months with K3 clamping. */
export const ZOffsetStep = z.strictObject({
  unit: z.enum(['days', 'weeks', 'months']),
  n: z.number().int().nonnegative(),
});
export type OffsetStep = z.infer<typeof ZOffsetStep>;

/**
 * Where a phase starts or ends, relative to the employment start. Sefton's NQSW fortnightly
 * phase ends at [6 weeks, then 6 months]; Camden's at [6 months]; both are expressible.
 */
export const ZAnchor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('employment-start'), offset: z.array(ZOffsetStep) }),
  /**
   * A recorded event (e.g. Camden's NQSW progress review), never earlier than notBefore from
   * the employment start. Unrecorded → the anchor never arrives.
   */
  z.strictObject({
    kind: z.literal('event'),
    event: z.enum(['progress-review']),
    notBefore: z.array(ZOffsetStep),
  }),
]);
export type Anchor = z.infer<typeof ZAnchor>;

export const ZPhase = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  from: ZAnchor,
  /** Exclusive end; null = open (runs to the end of the agreement year). */
  to: ZAnchor.nullable(),
  frequency: ZFrequencyValue,
});
export type Phase = z.infer<typeof ZPhase>;
