/**
 * The agenda of one session, as pure functions over SessionAgenda (issue 5 item 1; rules.md §4).
 * Time and ids are passed in. Every change returns a new agenda; adding the same itemId twice
 * changes nothing, so a double click or a replayed card submit adds one item.
 */
import type { Agreement, PlannedSession } from '../agreements/types.js';
import { AppError } from '../errors.js';
import type { PolicyPack } from '../../policy/schema.js';
import { whyOf, type PolicyWhy } from '../../policy/why.js';
import { hasReadableContent, visibleText } from '../visible-text.js';
import { looksLikePersonName } from './person-name.js';
import type { AgendaItem, SessionAgenda } from './schema.js';

export const MAX_ITEMS = 60;
export const MAX_TEXT = 1000;

export function emptyAgenda(agreementId: string, sessionId: string, now: string): SessionAgenda {
  return { agreementId, sessionId, items: [], preparation: [], updatedAt: now };
}

export interface CaseReferenceRule {
  /** The case-record system ("LCS", "Mosaic"), when the pack names one. */
  readonly system: string | undefined;
  readonly label: string;
  readonly pattern: RegExp;
  readonly example: string;
  /** What to tell someone who typed a name, in the policy's words where the pack has them. */
  readonly why: string;
  /** The policy's sentence behind it, for the "Why?" a card shows (absent without one). */
  readonly policy?: PolicyWhy | undefined;
}

/** Used only when a pack carries no caseReference (every shipped pack does). */
const FALLBACK = { label: 'case reference number', pattern: '^(?=.*\\d)[A-Za-z0-9][A-Za-z0-9/-]{2,19}$', example: '1234567' };

/** The pack's case-reference system and format (src/policy/packs/*.json caseReference). */
export function caseReferenceRule(pack: PolicyPack): CaseReferenceRule {
  const cr = pack.caseReference;
  const system = cr && !('notSpecified' in cr.system) ? cr.system : undefined;
  const format = cr && !('notSpecified' in cr.format) ? cr.format.value : FALLBACK;
  const policy = whyOf(pack, system);
  // Where the words are, as people read it ("<policy title>, Appendix 3"); the quote is one click away.
  const why = policy
    ? `Your policy says "${policy.quote}" (${policy.label}), and this product never stores a child's name.`
    : `This product never stores a child's name: a case is named by its ${format.label} only.`;
  return { system: system?.value, label: format.label, pattern: new RegExp(format.pattern), example: format.example, why, policy };
}

/**
 * The words a case system's users put before a number ("LCS123456", "LCS no. 123456", "Mosaic ID
 * 123456", "PRN: 123456", "#123456"): the system's and the label's own words, and the usual
 * abbreviations for "number". Only taken off when the reference as typed is not already in the
 * pack's format, so a format that includes letters (Leeds "LE-123456") is kept as it is.
 */
function prefixWords(rule: CaseReferenceRule): string[] {
  const words = `${rule.system ?? ''} ${rule.label}`.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0);
  return [...new Set([...words, 'no', 'num', 'number', 'ref', 'reference', 'id', 'case'])].sort((a, b) => b.length - a.length);
}

function withoutPrefix(rule: CaseReferenceRule, ref: string): string {
  let rest = ref;
  const words = prefixWords(rule);
  for (let guard = 0; guard < 6; guard++) {
    const lower = rest.toLowerCase();
    const word = words.find((w) => lower.startsWith(w) && !/[a-z]/.test(lower.charAt(w.length)));
    const stripped = (word ? rest.slice(word.length) : rest).replace(/^[\s#:.\-–]+/, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  return rest;
}

/** "an LCS number", "a Mosaic ID", "a PRN": the article as the label is said aloud. */
function withArticle(label: string): string {
  const spelt = /^[A-Z]{2,}/.test(label);
  return `${(spelt ? /^[AEFHILMNORSX]/ : /^[aeiou]/i).test(label) ? 'an' : 'a'} ${label}`;
}

/**
 * Refuses a reference that is not in the pack's format. What the case system's users type is
 * accepted with or without the system's prefix (issue 15 item 4: "case LCS123456: …"); the
 * reference is kept in the pack's form, so the same case is always the same reference.
 */
export function checkCaseRef(rule: CaseReferenceRule, ref: string): string {
  const trimmed = visibleText(ref);
  if (rule.pattern.test(trimmed)) return trimmed;
  const bare = withoutPrefix(rule, trimmed);
  if (bare !== trimmed && rule.pattern.test(bare)) return bare;
  throw new AppError('invalid_input', `"${trimmed.slice(0, 40)}" is not ${withArticle(rule.label)}. Give the case's ${rule.label}${rule.system ? ` from ${rule.system}` : ''}, for example ${rule.example}.`);
}

/** Refuses case-item text that looks like a person's name, quoting the policy (Sefton App 3 L551). */
export function refuseNames(rule: CaseReferenceRule, text: string): void {
  const match = looksLikePersonName(text);
  if (match) {
    throw new AppError('invalid_input', `"${match.found}" looks like a person's name. Name the case by its ${rule.label} only, never a child's name. ${rule.why}`, { why: match.why, ...(rule.policy ? { policy: rule.policy } : {}) });
  }
}

export interface NewItem {
  readonly itemId: string;
  readonly kind: 'topic' | 'case';
  readonly text: string;
  readonly caseRef?: string | undefined;
  readonly addedById: string;
  readonly addedByRole: 'supervisee' | 'supervisor';
  readonly addedAt: string;
}

/** Checks and tidies an item before it is offered or added (length, case reference, names). */
export function prepareItem(pack: PolicyPack, item: NewItem): AgendaItem {
  // As a reader sees it: zero-width and other invisible characters go, so an item of only those is empty (issue 16 L5).
  const text = visibleText(item.text);
  if (!hasReadableContent(text)) throw new AppError('invalid_input', 'Say what the item is about, for example "add to agenda training plan".');
  if (text.length > MAX_TEXT) throw new AppError('invalid_input', `An agenda item can be at most ${MAX_TEXT} characters; this one is ${text.length}.`);
  if (item.kind === 'case') {
    const rule = caseReferenceRule(pack);
    if (!item.caseRef || item.caseRef.trim() === '') throw new AppError('invalid_input', `A case item needs the case's ${rule.label}, for example "case ${rule.example}: ${text}".`);
    const caseRef = checkCaseRef(rule, item.caseRef);
    refuseNames(rule, text);
    return { itemId: item.itemId, kind: 'case', text, caseRef, addedById: item.addedById, addedByRole: item.addedByRole, addedAt: item.addedAt };
  }
  // A topic is no place for a child's name either (DESIGN.md "Security"); a case goes in as "case <ref>: …".
  refuseNames(caseReferenceRule(pack), text);
  return { itemId: item.itemId, kind: 'topic', text, addedById: item.addedById, addedByRole: item.addedByRole, addedAt: item.addedAt };
}

/** Adds the item; the same itemId already there changes nothing (`added: false`). */
export function addItem(agenda: SessionAgenda, pack: PolicyPack, item: NewItem): { agenda: SessionAgenda; added: boolean; item: AgendaItem } {
  const existing = agenda.items.find((i) => i.itemId === item.itemId);
  if (existing) return { agenda, added: false, item: existing };
  const ready = prepareItem(pack, item);
  if (agenda.items.length >= MAX_ITEMS) throw new AppError('invalid_input', `This agenda already has ${MAX_ITEMS} items; remove one first.`);
  return { agenda: { ...agenda, items: [...agenda.items, ready], updatedAt: item.addedAt }, added: true, item: ready };
}

/**
 * The order the items are shown and numbered in. Where the pack's agenda puts cases last
 * (Camden §6 (L106): welfare, practical and support issues, then cases) case items follow topics;
 * otherwise items keep the order they were added in.
 */
export function numberedItems(agenda: SessionAgenda, pack: PolicyPack): { number: number; item: AgendaItem }[] {
  const casesLast = pack.agendas.some((a) => a.ordering && !('notSpecified' in a.ordering) && /case/i.test(a.ordering.value[a.ordering.value.length - 1] ?? ''));
  const items = casesLast ? [...agenda.items.filter((i) => i.kind !== 'case'), ...agenda.items.filter((i) => i.kind === 'case')] : agenda.items;
  return items.map((item, i) => ({ number: i + 1, item }));
}

/**
 * Removes item `number` as numberedItems shows it. The supervisee removes their own items; the
 * supervisor, who chairs the session, may remove any.
 */
export function removeItem(agenda: SessionAgenda, pack: PolicyPack, number: number, by: { id: string; role: 'supervisee' | 'supervisor' }, now: string): { agenda: SessionAgenda; removed: AgendaItem } {
  // Items are numbered from 1: "remove -1" or "remove 0" names no item (issue 16 L4).
  if (!Number.isSafeInteger(number) || number < 1) throw new AppError('invalid_input', 'Items are numbered from 1, as "agenda" shows them; say "remove" and the number, for example "remove 2".');
  const numbered = numberedItems(agenda, pack);
  const target = numbered.find((n) => n.number === number)?.item;
  if (!target) {
    throw new AppError('invalid_input', numbered.length === 0 ? 'The agenda has no items to remove.' : `There is no item ${number}; the agenda has items 1 to ${numbered.length}.`);
  }
  if (by.role === 'supervisee' && target.addedById !== by.id) throw new AppError('forbidden', `Item ${number} was added by your supervisor; ask them to remove it.`);
  return { agenda: { ...agenda, items: agenda.items.filter((i) => i.itemId !== target.itemId), updatedAt: now }, removed: target };
}

/** The next session of a booked agreement that starts after `now` (moved sessions count; postponed or cancelled ones do not). */
export function nextSession(agreement: Agreement, sessions: readonly PlannedSession[], now: string): PlannedSession | undefined {
  if (agreement.status !== 'booked') return undefined;
  return [...sessions]
    .filter((s) => (s.status === 'booked' || s.status === 'moved') && s.startUtc > now)
    .sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : 0))[0];
}

/** "case 1234567: contact review" → a case item; anything else is a topic. */
export function parseItemText(input: string): { kind: 'topic' | 'case'; text: string; caseRef?: string } {
  // "case LCS 123456: …", "case no. 123456: …": a word or two before a reference with a digit in it.
  const spaced = /^\s*case\s+((?:[a-z]{1,10}\.?\s+){1,2}[^\s:]*\d[^\s:]*)\s*:\s*(.*)$/is.exec(input);
  if (spaced) return { kind: 'case', caseRef: spaced[1] ?? '', text: spaced[2] ?? '' };
  const m = /^\s*case\s+([^\s:]+)\s*[:\-–]\s*(.*)$/is.exec(input);
  if (m) return { kind: 'case', caseRef: m[1] ?? '', text: m[2] ?? '' };
  return { kind: 'topic', text: input.trim() };
}
