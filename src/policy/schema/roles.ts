import { z } from 'zod';
import { ZPhase } from './frequency.js';
import { ZPolicySource, ZQuote, zPolicyValue } from './values.js';

export const ZRole = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  /**
   * Other names the role answers to (e.g. "agency-staff", "part-time"), so a CLI user can ask for
   * the generic role and get the pack's own category.
   */
  covers: z.array(z.string().regex(/^[a-z0-9-]+$/)),
  source: ZPolicySource,
  /** The policy's sentence that names the role. */
  quote: ZQuote,
  phases: z.array(ZPhase).min(1),
  sessionLength: z.strictObject({
    /** What the policy says to plan for (minutes). */
    planned: zPolicyValue(z.number().int().positive()),
    /** A floor the policy states (minutes); "about 2 hours" is a plan, not a floor. */
    minimum: zPolicyValue(z.number().int().positive()),
  }),
  /** Who may supervise this role, where the policy says. */
  supervisor: zPolicyValue(z.string().min(1)),
  /** Ids of the pack's standing agendas that apply to every session with this role. */
  agendas: z.array(z.string()),
  /** The role's obligations that only some roles have (ASYE reviews, learning agreement...). */
  asye: z.boolean().default(false),
  note: z.string().optional(),
});
export type Role = z.infer<typeof ZRole>;
