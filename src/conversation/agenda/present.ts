/** How an agenda, the preparation card and the "add this?" offer look in chat (issue 5 item 1). */
import { agendaCard, agendaOfferCard } from '../../cards/agenda-card.js';
import { preparationCard } from '../../cards/preparation-card.js';
import { caseReferenceRule } from '../../domain/agenda/agenda.js';
import { preparationPrompts } from '../../domain/agenda/preparation.js';
import type { AgendaItem } from '../../domain/agenda/schema.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import type { AgendaView, Upcoming } from '../../usecases/agenda/agenda.js';
import { londonTime, shortDate } from '../agreements/format.js';
import { card, type Reply } from '../reply.js';
import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { cite } from '../../policy/cite.js';
import type { PolicyPack } from '../../policy/schema.js';
import { citeForPeople, whyOf, type PolicyWhy } from '../../policy/why.js';

/** "Tue 1 Dec" (the year only when it is not this session's year is not worth the space in a button). */
export function dayLabel(date: string): string {
  return shortDate(date).replace(/ \d{4}$/, '');
}

function sessionLine(u: Upcoming): string {
  return `${shortDate(u.session.date)} at ${u.session.start}`;
}

function itemLine(number: number, item: AgendaItem, u: Upcoming): string {
  const who = item.addedById === u.agreement.terms.superviseeId ? u.superviseeName : item.addedById === u.agreement.terms.supervisorId ? u.supervisorName : 'someone';
  const ref = item.kind === 'case' && item.caseRef ? `**Case ${item.caseRef}**: ` : '';
  return `${number}. ${ref}${item.text} · _added by ${who}, ${londonTime(item.addedAt)}_`;
}

export function actionLine(a: TrackedAction): string {
  const last = a.notes[a.notes.length - 1];
  return `- ${a.text} (${a.ownerName}, due ${shortDate(a.due)})${last ? ` · latest update: ${last.text}` : ''}`;
}

/** Camden §6 (L106): the welfare-first ordering, shown as the first thing on the agenda. */
export function welfareNote(u: Upcoming): string {
  for (const a of u.pack.agendas) {
    const o = a.ordering;
    if (!o || 'notSpecified' in o) continue;
    if (/welfare/i.test(o.value[0] ?? '')) {
      const src = 'section' in o.source ? ` (${citeForPeople(u.pack, o)})` : '';
      return `1st: the welfare of the worker, then ${o.value.slice(1).join(', then ')}${src}.`;
    }
  }
  return '';
}

export function agendaReply(view: AgendaView, itemId: string, extra: { notice?: string; error?: string; newItem?: string; caseRef?: string } = {}): Reply {
  return card(agendaCardFor(view, itemId, extra), `Agenda for ${shortDate(view.upcoming.session.date)}`);
}

export function agendaCardFor(view: AgendaView, itemId: string, extra: { notice?: string; error?: string; newItem?: string; caseRef?: string } = {}): AdaptiveCardJson {
  const u = view.upcoming;
  const rule = caseReferenceRule(u.pack);
  const other = u.role === 'supervisee' ? u.supervisorName : u.superviseeName;
  const prep = view.agenda?.preparationSavedAt
    ? `${u.superviseeName} saved their preparation on ${londonTime(view.agenda.preparationSavedAt)} (${view.agenda.preparation.length} answers).`
    : '';
  return agendaCard({
    agreementId: u.agreement.id,
    sessionId: u.session.sessionId,
    itemId,
    title: u.role === 'supervisee' ? `Agenda for your supervision on ${sessionLine(u)}` : `Agenda for ${u.superviseeName}'s supervision on ${sessionLine(u)}`,
    intro: `With ${other}. Type "add to agenda *your item*" or "remove *number*" at any time; a case goes in as "case ${rule.example}: *item*", by its ${rule.label}, never a child's name.`,
    welfareNote: welfareNote(u),
    items: view.items.map((n) => ({ line: itemLine(n.number, n.item, u) })),
    carried: view.carried.map((a) => ({ line: actionLine(a) })),
    preparation: prep,
    notice: extra.notice ?? '',
    error: extra.error ?? '',
    newItem: extra.newItem ?? '',
    caseRef: extra.caseRef ?? '',
    caseLabel: `${rule.label[0]?.toUpperCase() ?? ''}${rule.label.slice(1)}, for a case item (optional)`,
    caseExample: rule.example,
    caseHint: rule.why,
    caseWhy: rule.policy,
    canPrepare: u.role === 'supervisee',
  });
}

/**
 * The policy's words behind the prompts, by the citation preparationPrompts gives them: the
 * session order a pack imposes (Camden §6 (L106)) and the pack's own preparation prompts.
 */
function preparationWhys(pack: PolicyPack): Map<string, PolicyWhy> {
  const out = new Map<string, PolicyWhy>();
  for (const slot of [...pack.agendas.map((a) => a.ordering), pack.preparationPrompts]) {
    const why = whyOf(pack, slot);
    if (why && slot?.source) out.set(cite(pack, { source: slot.source }), why);
  }
  return out;
}

/** Each source named once, under the first of its prompts, as people read it and with "Why?". */
function promptSources(pack: PolicyPack, prompts: readonly { citation: string }[]): { citation: string; why?: PolicyWhy | undefined }[] {
  const whys = preparationWhys(pack);
  return prompts.map((p, i) => {
    if (i > 0 && prompts[i - 1]?.citation === p.citation) return { citation: '' };
    const why = whys.get(p.citation);
    return { citation: why?.label ?? p.citation, why };
  });
}

export function preparationCardFor(u: Upcoming, carried: readonly TrackedAction[], extra: { notice?: string; error?: string; values?: Readonly<Record<string, string>> } = {}): AdaptiveCardJson {
  const prompts = preparationPrompts(u.pack);
  const sources = promptSources(u.pack, prompts);
  return preparationCard({
    agreementId: u.agreement.id,
    sessionId: u.session.sessionId,
    title: `Prepare for your supervision on ${sessionLine(u)}`,
    intro: `With ${u.supervisorName}. Your answers go on the agenda for you both to see; leave blank what does not apply.`,
    notice: extra.notice ?? '',
    error: extra.error ?? '',
    prompts: prompts.map((p, i) => ({ id: p.id, text: p.text, ...sources[i], value: extra.values?.[p.id] ?? '' })),
    actions: carried.map((a) => ({ line: actionLine(a), statusId: `status_${a.actionId}`, noteId: `note_${a.actionId}` })),
  });
}

/** The card values of answers saved before, so the card comes back as it was left. */
export function savedValues(u: Upcoming, saved: readonly { prompt: string; answer: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of preparationPrompts(u.pack)) {
    const found = saved.find((s) => s.prompt === p.text.slice(0, 500));
    if (found) out[p.id] = found.answer;
  }
  return out;
}

export function offerReply(upcoming: readonly Upcoming[], text: string, newId: () => string): Reply {
  const options = upcoming.slice(0, 5).map((u) => ({
    title: u.role === 'supervisee' ? `Add to the agenda for ${dayLabel(u.session.date)}` : `Add for ${u.superviseeName} (${dayLabel(u.session.date)})`,
    agreementId: u.agreement.id,
    sessionId: u.session.sessionId,
    itemId: newId(),
    text,
  }));
  const first = upcoming[0];
  const title = upcoming.length === 1 && first ? `Add to the agenda for ${dayLabel(first.session.date)}?` : 'Add this to an agenda?';
  return card(agendaOfferCard({ title, quoted: `"${text}"`, note: 'If you meant a command, type "help".', options }), title);
}

/** The preparation card as the job sends it to the supervisee's chat (usecases/agenda/send-preparation-cards.ts). */
export function preparationCardReply(u: Upcoming, carried: readonly TrackedAction[]): Reply {
  return card(preparationCardFor(u, carried), `Prepare for your supervision on ${shortDate(u.session.date)}`);
}
