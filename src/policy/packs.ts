import { AppError } from '../domain/errors.js';
import centralBedfordshire from './packs/central-bedfordshire.json' with { type: 'json' };
import buckinghamshire from './packs/buckinghamshire.json' with { type: 'json' };
import camden from './packs/camden.json' with { type: 'json' };
import leeds from './packs/leeds.json' with { type: 'json' };
import sefton from './packs/sefton.json' with { type: 'json' };
import { ZPolicyPack, type PolicyPack, type Role } from './schema.js';
import { withPolicyTitle } from './why.js';

/** Validates a pack; the JSON files are data, so nothing is trusted until it has passed the schema. */
export function loadPack(json: unknown): PolicyPack {
  const parsed = ZPolicyPack.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') : '';
    throw new AppError('invalid_input', `invalid policy pack${where ? ` at ${where}` : ''}: ${first?.message ?? 'unknown error'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

const raw: readonly unknown[] = [centralBedfordshire, leeds, buckinghamshire, camden, sefton];

let cache: readonly PolicyPack[] | undefined;

export function allPacks(): readonly PolicyPack[] {
  cache ??= raw.map(loadPack);
  return cache;
}

export function packIds(): string[] {
  return allPacks().map((p) => p.id);
}

export function getPack(id: string): PolicyPack {
  const pack = allPacks().find((p) => p.id === id);
  if (!pack) throw new AppError('not_found', `unknown policy "${id}" (known: ${packIds().join(', ')})`);
  return pack;
}

/** Exact role id first, then a role that covers the name (e.g. "agency-staff"). */
export function findRole(pack: PolicyPack, roleId: string): Role {
  const role = pack.roles.find((r) => r.id === roleId) ?? pack.roles.find((r) => r.covers.includes(roleId));
  if (!role) {
    throw new AppError('not_found', `policy "${pack.id}" has no role "${roleId}" (roles: ${pack.roles.map((r) => r.id).join(', ')})`);
  }
  return role;
}

/**
 * getPack as a deployment shows the packs: the pack it runs (POLICY_PACK) under the title the
 * council gives its policy (POLICY_TITLE), so every citation people see names it that way; other
 * packs (agreements made under another) as they ship. Each pack is built once.
 */
export function titledPacks(policyId: string, title: string | undefined): (id: string) => PolicyPack {
  const titled = new Map<string, PolicyPack>();
  return (id) => {
    const pack = getPack(id);
    if (id !== policyId || !title) return pack;
    let t = titled.get(id);
    if (!t) titled.set(id, (t = withPolicyTitle(pack, title)));
    return t;
  };
}
