import { packCitations } from './citations.js';
import { cite } from './cite.js';
import type { PolicyPack } from './schema.js';
import { isLocalSource, type LocalSource, type PolicySource } from './schema/values.js';

/**
 * A rule as a person reads it: the policy's own sentence and where it is ("Supervision policy,
 * paragraph 3.12"). Rule ids and line numbers are for logs, JSON and the CLI (cite()); people get
 * this, one click away from whatever the product says about the rule.
 */
export interface PolicyWhy {
  readonly quote: string;
  readonly label: string;
}

/** "¶3.12" → "paragraph 3.12", "§6 Postponement" → "section 6, Postponement", "App 3" → "Appendix 3". */
export function sectionLabel(section: string): string {
  return section
    .replace(/¶(\d[\d.]*)-¶(\d[\d.]*)/g, 'paragraphs $1 to $2')
    .replace(/¶(\d[\d.]*)/g, 'paragraph $1')
    .replace(/§([A-Z0-9]+) (?=[A-Z][a-z])/g, 'section $1, ')
    .replace(/§([A-Z0-9]+)/g, 'section $1')
    .replace(/\bApp (\d+) (?=[A-Z][a-z])/g, 'Appendix $1, ')
    .replace(/\bApp (\d)/g, 'Appendix $1')
    .replace(/\bcl\.(\d+)/g, 'clause $1');
}

/** Where the words are, as a person reads it: the policy's title and the section. */
export function citationLabel(pack: Pick<PolicyPack, 'title'>, source: PolicySource): string {
  return `${pack.title}, ${sectionLabel(source.section)}`;
}

/**
 * The policy's words for a cited value; undefined for a value the council set itself (K13: it
 * has no policy sentence) or one without a source.
 */
export function whyOf(
  pack: Pick<PolicyPack, 'title'>,
  v: { readonly source?: PolicySource | LocalSource | undefined; readonly quote?: string | undefined } | undefined,
): PolicyWhy | undefined {
  if (!v?.source || isLocalSource(v.source) || !v.quote) return undefined;
  return { quote: v.quote, label: citationLabel(pack, v.source) };
}

/**
 * The words behind a citation string the domain carries (an obligation's rule, a schedule's
 * citation): the pack citation whose cite() it is, or begins with (a schedule rule may add "with
 * the floor of…"). The longest match wins; undefined when the pack has no such citation.
 */
export function whyForCitation(pack: Pick<PolicyPack, 'title' | 'shortName'>, citation: string): PolicyWhy | undefined {
  const index = citationIndex(pack);
  const exact = index.get(citation);
  if (exact) return exact;
  let best: { length: number; why: PolicyWhy } | undefined;
  for (const [text, why] of index) {
    if (citation.startsWith(`${text} `) && (!best || text.length > best.length)) best = { length: text.length, why };
  }
  return best?.why;
}

// Packs are immutable once loaded, so each one's cite() → words index is built once (the sweep
// asks for every step it sends).
const indexes = new WeakMap<object, ReadonlyMap<string, PolicyWhy>>();

function citationIndex(pack: Pick<PolicyPack, 'title' | 'shortName'>): ReadonlyMap<string, PolicyWhy> {
  let index = indexes.get(pack);
  if (!index) {
    const built = new Map<string, PolicyWhy>();
    for (const c of packCitations(pack)) {
      const text = cite(pack, c);
      const why = whyOf(pack, c);
      // The first citation in the pack's order keeps a cite() text two values share.
      if (why && !built.has(text)) built.set(text, why);
    }
    indexes.set(pack, (index = built));
  }
  return index;
}

/** The pack as a council names its policy (POLICY_TITLE); the pack itself is not changed. */
export function withPolicyTitle(pack: PolicyPack, title: string | undefined): PolicyPack {
  const t = title?.trim();
  return t ? { ...pack, title: t } : pack;
}

/** What a rule the council set itself is called where people read it (K13: it is not the policy's). */
export const LOCAL_SETTING = 'your council\'s own setting';

/**
 * Where a value's rule is, as a person reads it: "Supervision policy, paragraph 5.10", or the
 * council's own setting. Never a rule id or a line number (those are cite()'s, for logs and JSON).
 */
export function citeForPeople(
  pack: Pick<PolicyPack, 'title'>,
  v: { readonly source?: PolicySource | LocalSource | undefined } | undefined,
): string {
  if (isLocalSource(v?.source)) return LOCAL_SETTING;
  if (!v?.source) return pack.title;
  return citationLabel(pack, v.source);
}

/**
 * A citation string the domain carries (cite()'s "SE-F10 Sefton ¶3.12 (L98)", a schedule rule with
 * more after it) as a person reads it: the pack's words' label where it has them, else the section
 * read from the string, else the policy's title. Only this pack's sections are ever named.
 */
export function citationForPeople(pack: Pick<PolicyPack, 'title' | 'shortName'>, citation: string | undefined): string {
  if (!citation) return pack.title;
  const known = whyForCitation(pack, citation);
  if (known) return known.label;
  if (citation.includes('local configuration')) return LOCAL_SETTING;
  const escaped = pack.shortName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(?:[A-Z]{1,3}-[A-Z]{1,3}\\d+[a-z]? )?${escaped} (.+?) \\(L[^)]*\\)`).exec(citation);
  const section = m?.[1];
  return section ? `${pack.title}, ${sectionLabel(section)}` : pack.title;
}
