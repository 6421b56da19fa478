import { z } from 'zod';

/**
 * Where a value comes from. Policy values point at the seed document (file, section, cat -n
 * lines) so every decision the product makes can be traced back to the words it rests on.
 */
export const ZPolicySource = z.strictObject({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'seed file name, e.g. 004_f3666fb7e60c0824.txt'),
  section: z.string().min(1),
  /** cat -n line numbers: "L98", "L122-L128" or "L81, L106". */
  lines: z.string().regex(/^L\d+(-L\d+)?(, L\d+(-L\d+)?)*$/, 'lines like "L98", "L122-L128" or "L81, L106"'),
});
export type PolicySource = z.infer<typeof ZPolicySource>;

/** Long enough for the sentence a rule rests on, short enough to read on a card. */
export const MAX_QUOTE_LENGTH = 300;

/**
 * The policy's own words for a cited value: one sentence or clause, verbatim from the cited lines
 * (scripts/check-citations.ts checks it against the document), shown to people as the "Why?".
 */
export const ZQuote = z.string().trim().min(1, 'a quote needs the policy\'s words').max(MAX_QUOTE_LENGTH, `a quote is one sentence of at most ${MAX_QUOTE_LENGTH} characters`)
  .refine((q) => !/[\r\n]/.test(q), 'a quote is one line');

/** K13: a value the council set itself; the product must say it is not the policy's. */
export const ZLocalSource = z.strictObject({
  kind: z.literal('local-configuration'),
  /** Who set it or the local document it comes from (free text), if known. */
  reference: z.string().optional(),
  /** Whether the council filled a gap in its policy or replaced a value the policy gives. */
  replaced: z.enum(['not-specified', 'policy-value']),
});
export type LocalSource = z.infer<typeof ZLocalSource>;

export const ZModality = z.enum(['must', 'should', 'may']);
export type Modality = z.infer<typeof ZModality>;

export interface Specified<T> {
  readonly value: T;
  readonly source: PolicySource | LocalSource;
  readonly modality: Modality;
  /** rules.md rule ID (e.g. "SE-F10"), so tests and reports can name the rule. */
  readonly rule?: string | undefined;
  /** The policy's own words (required with a policy source; a local value has none). */
  readonly quote?: string | undefined;
  readonly note?: string | undefined;
}

export interface NotSpecified {
  readonly notSpecified: true;
  /** Where the policy is silent or defers elsewhere, when there is such a place to point at. */
  readonly source?: PolicySource | undefined;
  readonly rule?: string | undefined;
  readonly quote?: string | undefined;
  readonly note?: string | undefined;
}

export type PolicyValue<T> = Specified<T> | NotSpecified;

export const ZNotSpecified = z.strictObject({
  notSpecified: z.literal(true),
  source: ZPolicySource.optional(),
  rule: z.string().optional(),
  quote: ZQuote.optional(),
  note: z.string().optional(),
});

/** Every rule-bearing slot of a pack: the policy's value with its source, or "not specified". */
export function zPolicyValue<T extends z.ZodType>(inner: T) {
  const specified = z.strictObject({
    value: inner,
    source: z.union([ZPolicySource, ZLocalSource]),
    modality: ZModality,
    rule: z.string().optional(),
    quote: ZQuote.optional(),
    note: z.string().optional(),
  });
  return z.union([specified, ZNotSpecified]);
}

export function isSpecified<T>(v: PolicyValue<T>): v is Specified<T> {
  return !('notSpecified' in v);
}

export function isLocalSource(s: PolicySource | LocalSource | undefined): s is LocalSource {
  return s !== undefined && 'kind' in s && s.kind === 'local-configuration';
}
