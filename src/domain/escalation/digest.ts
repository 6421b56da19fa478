import type { LocalDate } from '../calendar/types.js';
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

function line(s: DueStep, names: Names): string {
  const late = s.lateSince !== undefined && s.step !== 'closed' ? ` Late since ${s.lateSince}.` : '';
  const due = s.step === 'closed' ? '' : ` Due ${s.due}.`;
  const fallback = s.fallback ? ' The person responsible has no manager in the directory, so this came to you.' : '';
  return `${heading[s.step]}: ${s.what} (${whose(s, names)}).${due}${late} Required by ${s.citation}.${fallback}`;
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
  const title = only ? `Supervision: ${heading[only.step].toLowerCase()}` : `Supervision: ${sorted.length} items for ${day}`;
  const factsOf = (s: DueStep): MessageFact[] => [
    { title: 'Due', value: s.lateSince && s.step !== 'closed' ? `${s.due} (late since ${s.lateSince})` : s.due },
    { title: 'Policy', value: s.citation },
    ...s.basis.map((b) => ({ title: 'Why you', value: b })),
    ...(s.fallback ? [{ title: 'Note', value: 'The person responsible has no manager in the directory, so this came to you.' }] : []),
  ];
  const facts: MessageFact[] = sorted.flatMap((s) => [{ title: heading[s.step], value: `${s.what} (${whose(s, names)})` }, ...factsOf(s).filter((f) => f.title !== 'Note')]);
  const items: MessageItem[] = sorted.map((s) => ({ step: s.step, heading: heading[s.step], what: `${s.what} (${whose(s, names)})`, facts: factsOf(s), actions: actionsFor(s), ...(s.why ? { why: s.why } : {}) }));
  return { title, text: sorted.map((s) => line(s, names)).join('\n'), facts, actions: sorted.flatMap(actionsFor), items };
}
