import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { loadPack } from './packs.js';
import { ZModality, type PolicyPack } from './schema.js';

/**
 * A council's local settings. K13: where the policy is silent (or the council decides otherwise)
 * the council sets the value here, and the product shows it came from local configuration.
 */
export const ZCouncilConfig = z.strictObject({
  policy: z.string().regex(/^[a-z0-9-]+$/),
  nation: z.enum(['england-and-wales', 'scotland', 'northern-ireland']).optional(),
  closureDays: z.array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().min(1) })).default([]),
  values: z.array(z.strictObject({
    /**
     * Dotted path to a rule slot of the pack; array items are addressed by id, e.g.
     * "roles.social-worker.phases.policy-2019.frequency" or "deadlines.recordShared".
     */
    path: z.string().min(1),
    value: z.unknown(),
    modality: ZModality,
    /** The local decision or document, shown next to the value. */
    reference: z.string().optional(),
    /** Replacing a value the policy gives (not just filling a gap) must be deliberate. */
    overridePolicy: z.boolean().default(false),
  })).default([]),
});
export type CouncilConfig = z.infer<typeof ZCouncilConfig>;
export type CouncilConfigInput = z.input<typeof ZCouncilConfig>;

function isSlot(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && ('notSpecified' in v || ('value' in v && 'modality' in v));
}

/** Returns a new pack with the council's values in place; the pack given is not changed. */
export function applyCouncilConfig(pack: PolicyPack, input: CouncilConfigInput): PolicyPack {
  const parsed = ZCouncilConfig.safeParse(input);
  if (!parsed.success) {
    throw new AppError('invalid_input', `invalid council configuration: ${parsed.error.issues[0]?.message ?? 'unknown error'}`);
  }
  const config = parsed.data;
  if (config.policy !== pack.id) {
    throw new AppError('invalid_input', `council configuration is for policy "${config.policy}", not "${pack.id}"`);
  }
  const copy = structuredClone(pack) as unknown as Record<string, unknown>;
  if (config.nation) copy['nation'] = config.nation;
  for (const entry of config.values) {
    const segments = entry.path.split('.');
    const last = segments.pop();
    let parent: unknown = copy;
    for (const seg of segments) parent = step(parent, seg, entry.path);
    const slot = last === undefined ? undefined : step(parent, last, entry.path);
    if (!isSlot(slot)) throw new AppError('invalid_input', `"${entry.path}" is not a policy value of ${pack.id}`);
    const specified = !('notSpecified' in slot);
    if (specified && !entry.overridePolicy) {
      throw new AppError('conflict', `${pack.id} already specifies "${entry.path}"; set overridePolicy to replace the policy's value`);
    }
    const replacement = {
      value: entry.value,
      modality: entry.modality,
      source: { kind: 'local-configuration', replaced: specified ? 'policy-value' : 'not-specified', ...(entry.reference ? { reference: entry.reference } : {}) },
      ...(typeof slot['rule'] === 'string' ? { rule: slot['rule'] } : {}),
    };
    for (const k of Object.keys(slot)) delete slot[k];
    Object.assign(slot, replacement);
  }
  // Re-validating checks the council's value has the shape the slot needs.
  return loadPack(copy);
}

function step(node: unknown, seg: string, path: string): unknown {
  if (Array.isArray(node)) {
    const found = node.find((x: unknown) => typeof x === 'object' && x !== null && (x as Record<string, unknown>)['id'] === seg);
    if (found === undefined) throw new AppError('invalid_input', `"${path}": no item "${seg}"`);
    return found;
  }
  if (typeof node === 'object' && node !== null && seg in node) return (node as Record<string, unknown>)[seg];
  throw new AppError('invalid_input', `"${path}": no "${seg}"`);
}
