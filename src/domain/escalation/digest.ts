import { isLocalDate } from '../calendar/local-date.js';
import type { LocalDate } from '../calendar/types.js';
import { dayInWords } from '../words/dates.js';
import { sectionLabel } from '../../policy/why.js';
import type { MessageAction, MessageFact, MessageItem, OutboundMessage } from '../ports/messenger.js';
import { isAboutARecord, isSessionToBook } from './actionable-kinds.js';
import type { DueStep, StepKind } from './ladder.js';

const heading: Record<StepKind, string> = {
  reminder: 'Coming up',
  nudge: 'Due now',
  'line-manager': 'Escalated to you as line manager',
  'next-tier': 'Escalated to you as the next tier of management',
  closed: 'Escalation closed',
};

/** Display names by Entra id; an unknown id is shown as it is. */
export type Names = ReadonlyMap<string, string>;

function whose(s: DueStep, names: Names): string {
  const n = (id: string): string => names.get(id) ?? id;
  const responsible = s.responsibleIds.length ? `; waiting on ${s.responsibleIds.map(n).join(' and ')}` : '';
  return `Supervision of ${n(s.superviseeId)} by ${n(s.supervisorId)}${responsible}`;
}

/*
 * Words for people (issue 15 item 3): a date in British long form, the rule as the policy's
 * paragraph (its words under "Why?"), never a rule id, a line number or a pack's name; those stay
 * on the stored step (citation, basis) for the logs and the audit.
 */
function when(d: string): string {
  return isLocalDate(d) ? dayInWords(d) : d;
}

/** A cite() string as people read it: "the policy, paragraph 3.8", or the council's own setting. */
export function citationWords(citation: string): string {
  if (/local configuration/.test(citation)) return 'your council\'s own setting';
  const section = /(?:¶|§|\bApp(?:endix)? )[^()]*/.exec(citation.replace(/\s*\((?:L\d|K\d)[^)]*\)/g, ''))?.[0]?.trim();
  return section ? `the policy, ${sectionLabel(section.replace(/[;,]\s*$/, ''))}` : 'the policy';
}

/**
 * An obligation's description with its dates in words: "a session between Thursday 5 February 2026
 * and …", without the conventions' markers ("(K1)", ", K10)") that explain it in the logs.
 */
function describedInWords(what: string): string {
  return what
    .replace(/\s*\(K\d+\)/g, '')
    .replace(/, K\d+\)/g, ')')
    // An obligation's subject ("chased 3 working days after session-2026-02-10").
    .replace(/\bsession-(\d{4}-\d{2}-\d{2})\b/g, 'the session of $1')
    .replace(/(?:\bin )?(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})/g, (_, a: string, b: string) => `between ${when(a)} and ${when(b)}`)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => when(d));
}

function policyWords(s: DueStep): string {
  return s.why?.label ?? citationWords(s.citation);
}

/** A text that cites a rule (cite()'s form, or a council's own setting), not a plain fact such as "done on <date>". */
const CITES = /¶|§|\bApp(?:endix)? |\bcl\.\d|\(L\d|local configuration/;

/** "escalation path: <cite>", "<what>: <pack> local configuration …" or "done on <date>" as people read it. */
function basisWords(b: string): string {
  const [what = b, ...rest] = b.split(': ');
  const cited = rest.join(': ');
  if (!cited) return CITES.test(b) ? citationWords(b) : describedInWords(b);
  return `${describedInWords(what)}: ${citationWords(cited)}`;
}

function line(s: DueStep, names: Names): string {
  const late = s.lateSince !== undefined && s.step !== 'closed' ? ` Late since ${when(s.lateSince)}.` : '';
  const due = s.step === 'closed' ? '' : ` Due ${when(s.due)}.`;
  const fallback = s.fallback ? ' The person responsible has no manager in the directory, so this came to you.' : '';
  return `${heading[s.step]}: ${describedInWords(s.what)} (${whose(s, names)}).${due}${late} Required by ${policyWords(s)}.${fallback}`;
}

function actionsFor(s: DueStep): MessageAction[] {
  const data = { agreementId: s.agreementId, obligationId: s.obligationId };
  if (s.step === 'closed') return [];
  const out: MessageAction[] = [];
  // Only the supervisor books sessions (record-postponement.ts): the button is theirs.
  if (isSessionToBook(s.obligationKind) && s.recipientId === s.supervisorId) out.push({ verb: 'rebook', title: 'Rebook now', data });
  if (isAboutARecord(s.obligationKind) && s.sessionId) out.push({ verb: 'open-record', title: 'Open the record', data: { agreementId: s.agreementId, sessionId: s.sessionId } });
  if (s.step === 'line-manager' || s.step === 'next-tier') {
    out.push({ verb: 'acknowledge', title: 'Acknowledge', data }, { verb: 'add-note', title: 'Add a note', data });
  }
  return out;
}

/**
 * One message per person per day (issue 6: "one digest a day, not a flood"). The text carries
 * every item: what is late, since when, and the paragraph that requires it. Steps are sorted so
 * the same steps always give the same message (an idempotent resend sends identical content).
 */
export function composeDigest(day: LocalDate, steps: readonly DueStep[], names: Names = new Map()): OutboundMessage {
  const sorted = [...steps].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const only = sorted.length === 1 ? sorted[0] : undefined;
  const title = only ? `Supervision: ${heading[only.step].toLowerCase()}` : `Supervision: ${sorted.length} items for ${when(day)}`;
  const factsOf = (s: DueStep): MessageFact[] => [
    { title: 'Due', value: s.lateSince && s.step !== 'closed' ? `${when(s.due)} (late since ${when(s.lateSince)})` : when(s.due) },
    { title: 'Policy', value: policyWords(s) },
    ...s.basis.map((b) => ({ title: 'Why you', value: basisWords(b) })),
    ...(s.fallback ? [{ title: 'Note', value: 'The person responsible has no manager in the directory, so this came to you.' }] : []),
  ];
  const facts: MessageFact[] = sorted.flatMap((s) => [{ title: heading[s.step], value: `${describedInWords(s.what)} (${whose(s, names)})` }, ...factsOf(s).filter((f) => f.title !== 'Note')]);
  const items: MessageItem[] = sorted.map((s) => ({ step: s.step, heading: heading[s.step], what: `${describedInWords(s.what)} (${whose(s, names)})`, facts: factsOf(s), actions: actionsFor(s), ...(s.why ? { why: s.why } : {}) }));
  return { title, text: sorted.map((s) => line(s, names)).join('\n'), facts, actions: sorted.flatMap(actionsFor), items };
}
