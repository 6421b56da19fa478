import type { PolicyPack } from './schema.js';

/**
 * A pack's sentence as the council reading it would say it: the pack was written by one council
 * ("archived on leaving Sefton Council"), the product runs for another (COUNCIL_NAME), so the
 * pack's own council is replaced by the configured one wherever a person reads it (issue 15 item 3).
 */
export function inCouncilWords(text: string, pack: Pick<PolicyPack, 'shortName' | 'council'>, councilName: string): string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The pack's full name for its council first, then "<short name> [Borough|County|City] Council".
  const names = [escape(pack.council), `${escape(pack.shortName)} (?:Metropolitan )?(?:Borough |County |City )?Council`];
  let out = text;
  for (const name of names) out = out.replace(new RegExp(`\\b${name}`, 'g'), councilName);
  return out;
}
