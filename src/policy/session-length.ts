import { cite } from './cite.js';
import { findRole } from './packs.js';
import { isSpecified, type PolicyPack } from './schema.js';
import { whyOf, type PolicyWhy } from './why.js';

/**
 * What a planned session length means against the role's minimum (issue 14 f; rules.md §0
 * modality): under a *must* minimum it is refused, under a *should* it stands with a warning the
 * agreement card and `supervision schedule` show. Both name the rule; `why` carries the policy's
 * words for a card.
 */
export interface SessionLengthCheck {
  readonly refusal?: string;
  readonly warning?: string;
  readonly rule?: string;
  readonly minimum?: number;
  readonly why?: PolicyWhy | undefined;
}

export function sessionLengthCheck(pack: PolicyPack, roleId: string, minutes: number): SessionLengthCheck {
  const role = findRole(pack, roleId);
  const floor = role.sessionLength.minimum;
  if (!isSpecified(floor) || minutes >= floor.value) return {};
  const rule = cite(pack, floor);
  const base = { rule, minimum: floor.value, why: whyOf(pack, floor) };
  if (floor.modality === 'must') {
    return { ...base, refusal: `sessions of ${minutes} minutes are below the minimum of ${floor.value} minutes (${rule})` };
  }
  return { ...base, warning: `sessions of ${minutes} minutes are shorter than the policy asks: for ${role.label.toLowerCase()} they should be at least ${floor.value} minutes (${rule})` };
}
