import { isLocalDate } from '../calendar/local-date.js';
import { parseBritishDate } from '../words/dates.js';
import { ZRecordContent, type RecordAction, type RecordContent } from './schema.js';
import type { StandingItem } from './template.js';

/**
 * The record card's fields, as they come back from Action.Execute (flat, every value a string or
 * absent), turned into RecordContent with one message per field that is wrong. Pure.
 *
 * Field ids: si<i>_status / si<i>_notes for standing item i, a<i>_text / a<i>_owner / a<i>_due
 * for action slot i, discussion, decisions, personalIssues ('yes' | 'no'), disagreementNoted,
 * nextMeetingDate. Dates come as typed ("15 December 2026", "15/12/2026", day first) or in the
 * ISO form a date picker sends (older cards, drafts and the tab), and are stored ISO.
 */
export type FieldErrors = Record<string, string>;

export const MAX_ACTION_SLOTS = 6;

export const fieldIds = {
  itemStatus: (i: number) => `si${i}_status`,
  itemNotes: (i: number) => `si${i}_notes`,
  actionText: (i: number) => `a${i}_text`,
  actionOwner: (i: number) => `a${i}_owner`,
  actionDue: (i: number) => `a${i}_due`,
  /** The card's container of action slot i and its "Add another action" button (not inputs; never submitted). */
  actionRow: (i: number) => `a${i}_row`,
  actionAdd: (i: number) => `a${i}_add`,
  /** Agenda item i when it is a case: its category and whether it was discussed (issue 14 item 2). */
  caseCategory: (i: number) => `c${i}_category`,
  caseDiscussed: (i: number) => `c${i}_discussed`,
  caseClosed: (i: number) => `c${i}_closed`,
} as const;

export interface Party {
  readonly id: string;
  readonly name: string;
}

export interface RecordFormContext {
  readonly standingItems: readonly StandingItem[];
  readonly supervisor: Party;
  readonly supervisee: Party;
  /** The id each action slot stands for (carried on the card so amendments keep tracking the same action). */
  readonly actionIds: readonly string[];
  readonly agendaItems: RecordContent['agendaItems'];
  /** The category ids a case item may take (case-categories.ts); none given: any is refused. */
  readonly caseCategories?: readonly string[] | undefined;
}

function str(raw: Record<string, unknown>, key: string): string {
  const v = raw[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** Input.Date may come back with a time on some clients. */
function dateOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
}

/** A typed date as a LocalDate, or undefined when it is not one (parseBritishDate: day first, or ISO). */
function typedDate(value: string): string | undefined {
  return value ? parseBritishDate(dateOf(value)) : undefined;
}

const dateHint = 'Write it day first, for example 15 December 2026 or 15/12/2026.';

/** A standing item about personal issues takes a status only, never notes (Central Bedfordshire §13 (L146)). */
export function isPersonalIssuesItem(item: Pick<StandingItem, 'text'>): boolean {
  return /personal issues/i.test(item.text);
}

export type FormResult = { readonly ok: true; readonly content: RecordContent } | { readonly ok: false; readonly errors: FieldErrors };

export function readRecordForm(raw: Record<string, unknown>, ctx: RecordFormContext): FormResult {
  const errors: FieldErrors = {};
  const sections = new Set(ctx.standingItems.map((item) => item.agendaLabel)).size;
  const standingItems = ctx.standingItems.map((item, i) => {
    const status = str(raw, fieldIds.itemStatus(i));
    const notes = str(raw, fieldIds.itemNotes(i));
    if (status !== 'addressed' && status !== 'not-applicable') {
      // Central Bedfordshire §12 (L126): each standing item addressed or recorded as not applicable.
      errors[fieldIds.itemStatus(i)] = 'Mark this item as addressed or not applicable.';
    }
    if (notes.length > 4000) errors[fieldIds.itemNotes(i)] = 'Notes can be at most 4,000 characters.';
    // Central Bedfordshire §13 (L146): that personal issues were discussed is recorded, not the details.
    if (notes && isPersonalIssuesItem(item)) errors[fieldIds.itemNotes(i)] = 'Record only whether personal issues were discussed, not the details.';
    return {
      ...(item.number !== undefined ? { number: item.number } : {}),
      text: item.text,
      ...(sections > 1 ? { section: item.agendaLabel } : {}),
      status: status === 'not-applicable' ? ('not-applicable' as const) : ('addressed' as const),
      ...(notes ? { notes } : {}),
    };
  });

  const discussion = str(raw, 'discussion');
  if (!discussion) errors['discussion'] = 'Write what was discussed.';
  else if (discussion.length > 20000) errors['discussion'] = 'The discussion can be at most 20,000 characters.';
  const decisions = str(raw, 'decisions');
  if (decisions.length > 20000) errors['decisions'] = 'The decisions can be at most 20,000 characters.';

  const actions: RecordAction[] = [];
  ctx.actionIds.forEach((actionId, i) => {
    const text = str(raw, fieldIds.actionText(i));
    const owner = str(raw, fieldIds.actionOwner(i));
    const typed = str(raw, fieldIds.actionDue(i));
    const due = typedDate(typed);
    if (!text && !owner && !typed) return; // an empty slot
    // Sefton App 3 (L662) "SMART with clear timescales": an owner and a due date, both required.
    if (!text) errors[fieldIds.actionText(i)] = 'Say what the action is, or clear its owner and date.';
    else if (text.length > 1000) errors[fieldIds.actionText(i)] = 'An action can be at most 1,000 characters.';
    const party = owner === 'supervisor' ? ctx.supervisor : owner === 'supervisee' ? ctx.supervisee : undefined;
    if (!party) errors[fieldIds.actionOwner(i)] = 'Choose who owns this action.';
    if (!typed) errors[fieldIds.actionDue(i)] = 'Give the date this action is due.';
    else if (!due) errors[fieldIds.actionDue(i)] = `"${typed.slice(0, 40)}" is not a date. ${dateHint}`;
    if (text && party && due) actions.push({ actionId, text, ownerId: party.id, ownerName: party.name, due });
  });

  const agendaItems = readCaseItems(raw, ctx, errors);

  const personal = str(raw, 'personalIssues');
  // Central Bedfordshire §13 (L146): whether personal issues were discussed, yes or no, never the details.
  if (personal !== 'yes' && personal !== 'no') errors['personalIssues'] = 'Say whether personal issues were discussed (yes or no).';
  const disagreementNoted = str(raw, 'disagreementNoted');
  if (disagreementNoted.length > 4000) errors['disagreementNoted'] = 'At most 4,000 characters.';
  const nextTyped = str(raw, 'nextMeetingDate');
  const next = typedDate(nextTyped);
  if (nextTyped && !next) errors['nextMeetingDate'] = `"${nextTyped.slice(0, 40)}" is not a date. ${dateHint}`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const content = ZRecordContent.safeParse({
    standingItems,
    agendaItems,
    discussion,
    decisions,
    actions,
    personalIssuesDiscussed: personal === 'yes',
    ...(disagreementNoted ? { disagreementNoted } : {}),
    ...(next ? { nextMeetingDate: next } : {}),
  });
  if (!content.success) return { ok: false, errors: { form: `Part of the record is too long or malformed (${content.error.issues[0]?.path.join('.') ?? 'record'}).` } };
  const checked = validateRecordContent(content.data, ctx.standingItems);
  if (Object.keys(checked).length > 0) return { ok: false, errors: checked };
  return { ok: true, content: content.data };
}

/**
 * The agenda's case items with what the card says of them (issue 14 item 2): a discussed case
 * needs its category, one of the pack's (Camden §6 (L122-L128) sets the cadence per category), so
 * the case discussion counts; an undiscussed case keeps its category if one was chosen, which makes
 * it known to be allocated and its next discussion due.
 */
function readCaseItems(raw: Record<string, unknown>, ctx: RecordFormContext, errors: FieldErrors): RecordContent['agendaItems'] {
  const allowed = new Set(ctx.caseCategories ?? []);
  return ctx.agendaItems.map((item, i) => {
    if (!item.caseRef) return item;
    const category = str(raw, fieldIds.caseCategory(i));
    const toggle = str(raw, fieldIds.caseDiscussed(i));
    // Absent (a client that sent no toggle): said neither way, so left out of the record.
    const discussed = toggle === 'true' ? true : toggle === 'false' ? false : undefined;
    if (category && !allowed.has(category)) errors[fieldIds.caseCategory(i)] = 'Choose one of the case categories listed.';
    else if (discussed && !category) errors[fieldIds.caseCategory(i)] = 'Choose the category of this case, so its next discussion is known.';
    const closed = str(raw, fieldIds.caseClosed(i)) === 'true';
    return { text: item.text, caseRef: item.caseRef, ...(category ? { category } : {}), ...(discussed !== undefined ? { discussed } : {}), ...(closed ? { closed } : {}) };
  });
}

/**
 * Checks a RecordContent against the pack's standing items, whatever produced it: every standing
 * item present exactly once with a status (Central Bedfordshire §12 (L126)), nothing else listed
 * as one; every action with an owner and a due date (Sefton App 3 (L662)); a discussion. Keys
 * are the card's field ids where there is one.
 */
export function validateRecordContent(content: RecordContent, standing: readonly StandingItem[]): FieldErrors {
  const errors: FieldErrors = {};
  standing.forEach((item, i) => {
    const found = content.standingItems.filter((e) => e.text === item.text);
    if (found.length === 0) errors[fieldIds.itemStatus(i)] = 'Mark this item as addressed or not applicable.';
    else if (found.length > 1) errors[fieldIds.itemStatus(i)] = 'This item is in the record more than once.';
  });
  const known = new Set(standing.map((s) => s.text));
  const extra = content.standingItems.filter((e) => !known.has(e.text));
  if (extra.length > 0) errors['standingItems'] = `${extra.length} item(s) are not standing items of this policy.`;
  content.actions.forEach((a, i) => {
    if (!a.ownerId.trim()) errors[fieldIds.actionOwner(i)] = 'Choose who owns this action.';
    if (!isLocalDate(a.due)) errors[fieldIds.actionDue(i)] = 'Give the date this action is due.';
  });
  const ids = content.actions.map((a) => a.actionId);
  if (new Set(ids).size !== ids.length) errors['actions'] = 'Two actions share one id.';
  if (!content.discussion.trim()) errors['discussion'] = 'Write what was discussed.';
  return errors;
}

/** The card's field values for a content already written (amending a shared version). */
export function contentAsForm(content: RecordContent, standing: readonly StandingItem[], parties: { supervisorId: string }): Record<string, string> {
  const form: Record<string, string> = {};
  standing.forEach((item, i) => {
    const entry = content.standingItems.find((e) => e.text === item.text);
    if (entry) {
      form[fieldIds.itemStatus(i)] = entry.status;
      if (entry.notes) form[fieldIds.itemNotes(i)] = entry.notes;
    }
  });
  form['discussion'] = content.discussion;
  form['decisions'] = content.decisions;
  content.actions.forEach((a, i) => {
    form[fieldIds.actionText(i)] = a.text;
    form[fieldIds.actionOwner(i)] = a.ownerId === parties.supervisorId ? 'supervisor' : 'supervisee';
    form[fieldIds.actionDue(i)] = a.due;
  });
  form['personalIssues'] = content.personalIssuesDiscussed ? 'yes' : 'no';
  if (content.disagreementNoted) form['disagreementNoted'] = content.disagreementNoted;
  if (content.nextMeetingDate) form['nextMeetingDate'] = content.nextMeetingDate;
  content.agendaItems.forEach((item, i) => {
    if (!item.caseRef) return;
    if (item.category) form[fieldIds.caseCategory(i)] = item.category;
    if (item.discussed !== undefined) form[fieldIds.caseDiscussed(i)] = item.discussed ? 'true' : 'false';
    if (item.closed) form[fieldIds.caseClosed(i)] = 'true';
  });
  return form;
}

/**
 * Ids for the card's action slots: the actions already written keep theirs (in order), empty
 * slots get the next unused `${sessionId}-a<n>`. Deterministic, so a replayed submit hashes the same.
 */
export function actionSlotIds(sessionId: string, existing: readonly string[], slots = MAX_ACTION_SLOTS): string[] {
  const ids = existing.slice(0, slots);
  const used = new Set(existing);
  let n = 1;
  while (ids.length < slots) {
    const candidate = `${sessionId}-a${n}`;
    n += 1;
    if (!used.has(candidate)) {
      ids.push(candidate);
      used.add(candidate);
    }
  }
  return ids;
}

/**
 * Only the card's own fields are kept in a draft (never the verb's routing data). A date typed the
 * British way ("15/12/2026") is kept as the date it names, ISO, so every form shows it: the card in
 * words, the tab's date input (which takes ISO only); one that is not a date is kept as typed.
 */
export function draftFields(raw: Record<string, unknown>, standingCount: number, slots = MAX_ACTION_SLOTS): Record<string, string> {
  const dates = new Set(['nextMeetingDate', ...Array.from({ length: slots }, (_, i) => fieldIds.actionDue(i))]);
  const keys = ['discussion', 'decisions', 'personalIssues', 'disagreementNoted', 'nextMeetingDate'];
  for (let i = 0; i < standingCount; i++) keys.push(fieldIds.itemStatus(i), fieldIds.itemNotes(i));
  for (let i = 0; i < slots; i++) keys.push(fieldIds.actionText(i), fieldIds.actionOwner(i), fieldIds.actionDue(i));
  // Case items' category and discussed (an agenda holds at most 60 items, schema.ts).
  for (let i = 0; i < 60; i++) keys.push(fieldIds.caseCategory(i), fieldIds.caseDiscussed(i), fieldIds.caseClosed(i));
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = raw[key];
    if (typeof v === 'string' && v !== '') out[key] = (dates.has(key) ? typedDate(v.trim()) : undefined) ?? v.slice(0, 20000);
  }
  return out;
}
