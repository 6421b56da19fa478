import type { LocalSource, PolicySource } from './schema/values.js';
import { isLocalSource } from './schema/values.js';
import type { PolicyPack } from './schema.js';

/** "SE-F10 Sefton ¶3.12 (L98)": short enough for a card, precise enough to find the words. */
export function cite(
  pack: Pick<PolicyPack, 'shortName'>,
  v: { readonly source?: PolicySource | LocalSource | undefined; readonly rule?: string | undefined },
): string {
  const rule = v.rule ? `${v.rule} ` : '';
  if (isLocalSource(v.source)) {
    return `${rule}${pack.shortName} local configuration${v.source.reference ? ` (${v.source.reference})` : ''}, not the policy`;
  }
  if (!v.source) return `${rule}${pack.shortName} (not specified)`.trim();
  return `${rule}${pack.shortName} ${v.source.section} (${v.source.lines})`;
}
