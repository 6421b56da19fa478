import type { AdaptiveCardJson } from '../../cards/render-card.js';
import { recordCard } from '../../cards/record-card.js';
import { recordReviewCard } from '../../cards/record-review-card.js';
import { fieldIds, isPersonalIssuesItem, type FieldErrors } from '../../domain/records/form.js';
import { disagreementsOf, latestVersion, recordPartyOf } from '../../domain/records/lifecycle.js';
import type { RecordVersion, SessionRecord } from '../../domain/records/schema.js';
import type { RecordSetup } from '../../usecases/records/record-context.js';
import { getPack, packIds } from '../../policy/packs.js';
import { isSpecified } from '../../policy/schema.js';
import { caseCategoryLabel } from '../../domain/records/case-categories.js';
import { citationForPeople, citeForPeople, whyOf, type PolicyWhy } from '../../policy/why.js';

import { humanDate, humanInstant } from '../dates.js';
import { isLocalDate, addDays } from '../../domain/calendar/local-date.js';
import type { LocalDate } from '../../domain/calendar/types.js';

export type NoticeStyle = 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis';
export interface Notice {
  readonly text: string;
  readonly style: NoticeStyle;
}

const statusWords: Record<SessionRecord['status'], string> = {
  draft: 'Being written by the supervisor',
  shared: 'Shared, waiting for the supervisee to sign',
  disputed: 'The supervisee disagreed; waiting for the supervisor to amend',
  final: 'Signed by both, final',
  filed: 'Signed by both and stored in the supervision file',
  'not-held': 'The session did not take place',
};

export function statusText(record: SessionRecord): string {
  // A review or milestone (issue 14 item 1) is recorded as not taking place, with its reason.
  if (record.status === 'not-held' && record.kind) return record.notHeld ? `It did not take place: ${record.notHeld.reason}` : 'It did not take place';
  if (record.status === 'not-held' && record.notHeld) return `The session was ${record.notHeld.outcome}: ${record.notHeld.reason}`;
  return statusWords[record.status];
}

function notHeldReasons(setup: RecordSetup): { notHeldReasons: { title: string; value: string }[]; notHeldReasonsLabel: string; notHeldWhy?: PolicyWhy | undefined } {
  const allowed = setup.pack.postponement.allowedReasons;
  if (!isSpecified(allowed)) return { notHeldReasons: [], notHeldReasonsLabel: 'Why was it postponed?' };
  const why = whyOf(setup.pack, allowed);
  return { notHeldReasons: allowed.value.map((r) => ({ title: r.label, value: r.id })), notHeldReasonsLabel: `If postponed: the reason your policy allows (${why?.label ?? citeForPeople(setup.pack, allowed)})`, notHeldWhy: why };
}

/** The sharing deadline in the card's intro, citing the policy as people read it. */
function shareLine(setup: RecordSetup, why: PolicyWhy | undefined): string {
  const d = setup.shareDeadline;
  // Without the policy's words (a pack with no quote), its paragraph as people read it, never the rule id (issue 15 item 3).
  const where = why?.label ?? citationForPeople(setup.pack, d.rule);
  return d.due ? `Share it by ${humanDate(d.due)} (${where}).` : `Your policy sets no day limit for sharing it (${where}); share it promptly.`;
}

/** The policy's words for the standing agenda the card lists (the role's first agenda with items). */
function standingWhy(setup: RecordSetup): PolicyWhy | undefined {
  const first = setup.standingItems[0];
  return first ? whyOf(setup.pack, setup.pack.agendas.find((a) => a.id === first.agendaId)?.items) : undefined;
}

/** A date field's value as the card shows it: a stored (ISO) date in British long form, anything typed as it was. */
function asTyped(value: string): string {
  return isLocalDate(value) ? humanDate(value) : value;
}

/** "15/12/2026": an example for the date boxes, two weeks after the session (day first, as typed in the UK). */
function dateExample(sessionDate: LocalDate): string {
  const [y, m, d] = addDays(sessionDate, 14).split('-');
  return `for example ${d ?? ''}/${m ?? ''}/${y ?? ''}`;
}

/**
 * How many action rows show at first: the first always, and every row up to the last one that
 * holds something or has a message, so nothing typed or wrong is hidden (issue 15 item 5).
 */
function visibleActionRows(slots: number, has: (i: number) => boolean): number {
  let last = 0;
  for (let i = 0; i < slots; i++) if (has(i)) last = i;
  return Math.min(slots, last + 1);
}

/** The supervisor's record card with the given field values and, after a failed share, one message per field. */
export function recordEditCard(record: SessionRecord, setup: RecordSetup, values: Record<string, string>, options: { errors?: FieldErrors; notice?: Notice; actionIds: readonly string[] }): AdaptiveCardJson {
  const errors = options.errors ?? {};
  const v = (key: string) => values[key] ?? '';
  const e = (key: string) => errors[key] ?? '';
  const basedOn = record.versions.length;
  const count = Object.keys(errors).length;
  const general = [errors['form'], errors['standingItems'], errors['actions']].filter((x): x is string => Boolean(x));
  const shareWhy = whyOf(setup.pack, setup.pack.deadlines.recordShared);
  const actionFields = (i: number) => [fieldIds.actionText(i), fieldIds.actionOwner(i), fieldIds.actionDue(i)];
  const shownRows = (slots: number) => visibleActionRows(slots, (i) => actionFields(i).some((k) => v(k) !== '' || e(k) !== ''));
  return recordCard({
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    basedOn: String(basedOn),
    title: basedOn === 0 ? `Record of supervision with ${record.supervisee.name}` : `Amend the record of supervision with ${record.supervisee.name}`,
    intro: `${setup.template.name}, session of ${humanDate(record.sessionDate)}. ${shareLine(setup, shareWhy)}`,
    shareWhy,
    notice: options.notice?.text ?? '',
    noticeStyle: options.notice?.style ?? 'emphasis',
    facts: [
      { title: 'Supervisee', value: record.supervisee.name },
      { title: 'Session', value: humanDate(record.sessionDate) },
      ...(basedOn > 0 ? [{ title: 'Amending', value: `version ${basedOn} (your change becomes version ${basedOn + 1}; both of you sign again)` }] : []),
      ...(record.draftSavedAt ? [{ title: 'Draft saved', value: humanInstant(record.draftSavedAt) }] : []),
    ],
    errorSummary: count === 0 ? '' : [`Please fix the ${count === 1 ? 'field' : `${count} fields`} marked below.`, ...general].join(' '),
    // Every item addressed or marked not applicable: what Central Bedfordshire §12 (L126) asks of
    // every record, and how this product records any pack's standing agenda.
    standingHint: setup.standingItems.length > 0 ? 'Mark every standing item on your policy\'s agenda as addressed or not applicable.' : 'Your policy lists no standing items for this role.',
    standingWhy: standingWhy(setup),
    standingItems: setup.standingItems.map((item, i, all) => ({
      statusId: fieldIds.itemStatus(i),
      notesId: fieldIds.itemNotes(i),
      // A role with several agendas: their numbers restart, so each list gets its heading once,
      // above its first item (rather than in every item's label, which made the card longer).
      heading: new Set(all.map((s) => s.agendaLabel)).size > 1 && all[i - 1]?.agendaLabel !== item.agendaLabel ? item.agendaLabel : '',
      label: `${item.number !== undefined ? `${item.number}. ` : ''}${item.text}`,
      status: v(fieldIds.itemStatus(i)),
      notes: v(fieldIds.itemNotes(i)),
      error: e(fieldIds.itemStatus(i)) || e(fieldIds.itemNotes(i)),
      statusOnly: isPersonalIssuesItem(item),
      // Notes on demand: the box shows at first only with notes in it or a message about them.
      notesVisible: v(fieldIds.itemNotes(i)) !== '' || e(fieldIds.itemNotes(i)) !== '',
    })),
    agendaItems: setup.agendaLines.map((line, i) => (setup.agendaItems[i]?.caseRef ? {
      line,
      caseCategoryId: fieldIds.caseCategory(i),
      caseDiscussedId: fieldIds.caseDiscussed(i),
      category: v(fieldIds.caseCategory(i)),
      discussed: v(fieldIds.caseDiscussed(i)) === 'true' ? ('true' as const) : ('false' as const),
      caseClosedId: fieldIds.caseClosed(i),
      closed: v(fieldIds.caseClosed(i)) === 'true' ? ('true' as const) : ('false' as const),
      categories: setup.caseCategories.map((c) => ({ title: c.label, value: c.id })),
      caseError: e(fieldIds.caseCategory(i)),
    } : { line })),
    discussion: v('discussion'),
    discussionError: e('discussion'),
    decisions: v('decisions'),
    actions: options.actionIds.map((_, i, slots) => ({
      textId: fieldIds.actionText(i), ownerId: fieldIds.actionOwner(i), dueId: fieldIds.actionDue(i), label: `Action ${i + 1}`,
      text: v(fieldIds.actionText(i)), owner: v(fieldIds.actionOwner(i)), due: asTyped(v(fieldIds.actionDue(i))),
      textError: e(fieldIds.actionText(i)), ownerError: e(fieldIds.actionOwner(i)), dueError: e(fieldIds.actionDue(i)),
      // One row at first, more revealed on the card as needed (see src/cards/record-card.ts for why not a round trip).
      rowId: fieldIds.actionRow(i),
      visible: i < shownRows(slots.length),
      nextRowId: i + 1 < slots.length ? fieldIds.actionRow(i + 1) : '',
      addId: fieldIds.actionAdd(i),
      showAdd: i + 1 >= shownRows(slots.length),
    })),
    actionIds: options.actionIds.join(','),
    supervisorName: record.supervisor.name,
    superviseeName: record.supervisee.name,
    personalIssues: v('personalIssues'),
    personalIssuesError: e('personalIssues'),
    disagreementNoted: v('disagreementNoted'),
    nextMeetingDate: asTyped(v('nextMeetingDate')),
    dateExample: dateExample(record.sessionDate),
    nextMeetingError: e('nextMeetingDate'),
    shareTitle: `Sign and share with ${record.supervisee.name}`,
    canMarkNotHeld: record.status === 'draft' && basedOn === 0,
    ...notHeldReasons(setup),
  });
}

/** What the record says of a case item (issue 14 item 2): its category in the pack's words, and whether it was discussed. */
function caseNote(policyId: string, item: RecordVersion['content']['agendaItems'][number]): string {
  if (!item.caseRef || item.discussed === undefined) return '';
  let label: string | undefined;
  if (item.category && packIds().includes(policyId)) label = caseCategoryLabel(getPack(policyId), item.category);
  return ` (${[label, item.discussed ? 'discussed' : 'not discussed', item.closed ? 'closed or transferred' : undefined].filter((x): x is string => Boolean(x)).join(', ')})`;
}

function signatureLines(version: RecordVersion): { line: string }[] {
  const short = (h: string) => h.slice(0, 12);
  const lines = [{ line: `**Signed by ${version.supervisorSignature.signerName} (supervisor)** on ${humanInstant(version.supervisorSignature.signedAt)} · SHA-256 ${short(version.supervisorSignature.hash)}` }];
  if (version.superviseeSignature) lines.push({ line: `**Signed by ${version.superviseeSignature.signerName} (supervisee)** on ${humanInstant(version.superviseeSignature.signedAt)} · SHA-256 ${short(version.superviseeSignature.hash)}` });
  return lines;
}

/**
 * The latest version as text (cards/record-review.json): what the supervisee signs or disagrees
 * with, and what both see afterwards. Buttons depend on who is looking and the record's state.
 */
export function recordReviewView(record: SessionRecord, viewerId: string, notice?: Notice): AdaptiveCardJson | undefined {
  const latest = latestVersion(record);
  if (!latest) return undefined;
  const party = recordPartyOf(record, viewerId);
  const c = latest.content;
  const final = record.status === 'final' || record.status === 'filed';
  const status = final
    ? `Signed by both, final (version ${latest.version}).`
    : party === 'supervisee'
      ? record.status === 'disputed'
        ? `You recorded a disagreement with version ${latest.version}; ${record.supervisor.name} has been asked to amend it. You can still sign it as it is.`
        : `${record.supervisor.name} signed and shared version ${latest.version} on ${humanInstant(latest.sharedAt)}. Please read it, then sign it or say what you disagree with.`
      : record.status === 'disputed'
        ? `${record.supervisee.name} disagreed with version ${latest.version}. You can amend it: the new version needs both signatures again.`
        : `Waiting for ${record.supervisee.name} to sign version ${latest.version}.`;
  return recordReviewCard({
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    // A review or milestone's record (issue 14 item 1) is named for what it records.
    title: c.milestone ? `${c.milestone.label}: ${record.supervisee.name}, ${humanDate(c.milestone.heldOn)}` : `Supervision record: ${record.supervisee.name}, ${humanDate(record.sessionDate)}`,
    statusText: status,
    notice: notice?.text ?? '',
    noticeStyle: notice?.style ?? 'emphasis',
    facts: [
      { title: 'Supervisor', value: record.supervisor.name },
      { title: 'Supervisee', value: record.supervisee.name },
      ...(c.milestone
        ? [{ title: 'Took place', value: humanDate(c.milestone.heldOn) }]
        : [{ title: 'Session', value: humanDate(record.sessionDate) }, { title: 'Personal issues discussed', value: c.personalIssuesDiscussed ? 'Yes' : 'No' }]),
      ...(c.disagreementNoted ? [{ title: 'Disagreement noted in the session', value: c.disagreementNoted }] : []),
      ...(c.nextMeetingDate ? [{ title: 'Next meeting', value: humanDate(c.nextMeetingDate) }] : []),
    ],
    standingItems: c.standingItems.map((s) => ({
      line: `**${s.section ? `${s.section}: ` : ''}${s.number !== undefined ? `${s.number}. ` : ''}${s.text}**: ${s.status === 'addressed' ? 'addressed' : 'not applicable'}${s.notes ? `. ${s.notes}` : ''}`,
    })),
    agendaItems: c.agendaItems.map((a) => ({ line: `${a.caseRef ? `[${a.caseRef}] ` : ''}${a.text}${caseNote(record.policyId, a)}` })),
    discussion: c.discussion,
    decisions: c.decisions,
    actions: c.actions.map((a) => ({ line: `${a.text} (owner: ${a.ownerName}; due ${humanDate(a.due)})` })),
    disagreements: disagreementsOf(record).map((d) => ({ line: `**Version ${d.version}**, ${d.byName}, ${humanInstant(d.at)}: ${d.text}` })),
    signatures: signatureLines(latest),
    version: latest.version,
    hash: latest.hash,
    hashShort: latest.hash.slice(0, 12),
    canSign: party === 'supervisee' && !final && !latest.superviseeSignature && (record.status === 'shared' || record.status === 'disputed'),
    canDisagree: party === 'supervisee' && record.status === 'shared' && !latest.disagreement,
    canAmend: party === 'supervisor' && (record.status === 'shared' || record.status === 'disputed'),
  });
}
