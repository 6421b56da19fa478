import { packCitations } from '../../policy/citations.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack } from '../../policy/schema.js';
import { citationLabel } from '../../policy/why.js';

/** One cited rule with the policy's words: what `supervision policies --quote` prints. */
export interface QuotedRule {
  readonly policy: string;
  /** The slot, by ids as a council configuration names it ("roles.nqsw.phases.weekly.frequency"). */
  readonly where: string;
  readonly rule: string | null;
  /** For logs and searching the document: rule id, section and cat -n lines. */
  readonly citation: string;
  /** As people see it on a card: "<policy title>, paragraph 3.12". */
  readonly label: string;
  readonly quote: string;
}

export function quotedRules(pack: PolicyPack): QuotedRule[] {
  return packCitations(pack).map((c) => ({
    policy: pack.id,
    where: c.where,
    rule: c.rule ?? null,
    citation: cite(pack, c),
    label: citationLabel(pack, c.source),
    quote: c.quote ?? '',
  }));
}

/** Each pack under its title, each rule as its citation and slot, then the quoted words. */
export function quotesText(packs: readonly PolicyPack[]): string {
  return packs.map((pack) => [
    `${pack.id}: ${pack.title} (${pack.sourceFile})`,
    ...quotedRules(pack).flatMap((r) => [`  ${r.citation} · ${r.where}`, `    “${r.quote}”`]),
  ].join('\n')).join('\n\n');
}
