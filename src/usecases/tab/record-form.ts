import { AppError } from '../../domain/errors.js';
import { fieldIds, isPersonalIssuesItem } from '../../domain/records/form.js';
import { requireRecordParty } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { readRecordAs } from '../records/deps.js';
import { openRecordForSession } from '../records/open-record.js';
import { cardValues, recordSetup, slotIdsFor, type RecordSetup } from '../records/record-context.js';
import { recordsToWrite } from '../records/records-to-write.js';
import { saveRecordDraft } from '../records/save-draft.js';
import { shareRecord } from '../records/share-record.js';
import type { TabDeps } from './deps.js';
import { recordViewOf } from './record-view.js';
import type { RecordFormView, RecordShareAnswer, RecordToWriteView } from './views.js';

/**
 * The supervision record written in the tab: the chat's record card as a form, read and checked
 * by the same use case (shareRecord: every standing item addressed or not applicable, Central
 * Bedfordshire §12 (L126); actions with owner and due date, Sefton App 3 (L662); personal issues
 * yes or no, Central Bedfordshire §13 (L146)), including the case discussions of issue 14 item 2:
 * each case item's category as the pack names it and whether it was discussed (Camden §6
 * (L122-L128) sets the cadence per category). Only the supervisor writes it (Leeds §D (L108)).
 */

export async function recordsToWriteForTab(deps: TabDeps, personId: string): Promise<RecordToWriteView[]> {
  const due = await recordsToWrite(deps.records, personId);
  const names = new Map<string, string>();
  const out: RecordToWriteView[] = [];
  for (const r of due) {
    if (!names.has(r.agreementId)) names.set(r.agreementId, (await deps.agenda.agreements.get(r.agreementId))?.parties?.superviseeName ?? 'your supervisee');
    out.push({ ...r, withName: names.get(r.agreementId) ?? 'your supervisee' });
  }
  return out;
}

/** Only the agreement's two parties get further (anyone else is refused; the API audits it) before anything is opened. */
async function requireAgreementParty(deps: TabDeps, personId: string, agreementId: string): Promise<void> {
  const agreement = await deps.agenda.agreements.get(agreementId);
  if (!agreement || (agreement.terms.supervisorId !== personId && agreement.terms.superviseeId !== personId)) {
    throw new AppError('forbidden', 'Only the supervisor and the supervisee of this session can see or act on its record.');
  }
}

async function openForSupervisor(deps: TabDeps, personId: string, ids: { agreementId: string; sessionId: string }): Promise<SessionRecord> {
  await requireAgreementParty(deps, personId, ids.agreementId);
  await openRecordForSession(deps.records, ids.agreementId, ids.sessionId);
  const record = await readRecordAs(deps.records, personId, ids.agreementId, ids.sessionId, 'view');
  requireRecordParty(record, personId, 'supervisor');
  if (record.kind) throw new AppError('conflict', 'This is the record of a review or milestone: record it under "Reviews and milestones".');
  if (record.status === 'final' || record.status === 'filed') throw new AppError('conflict', 'This record is signed by both and can no longer be changed.');
  if (record.status === 'not-held') throw new AppError('conflict', 'This session was recorded as not having taken place.');
  return record;
}

function formOf(record: SessionRecord, setup: RecordSetup, actionIds: readonly string[], values: Record<string, string>): RecordFormView {
  const sections = new Set(setup.standingItems.map((s) => s.agendaLabel)).size;
  return {
    agreementId: record.agreementId,
    sessionId: record.sessionId,
    sessionDate: record.sessionDate,
    supervisorName: record.supervisor.name,
    superviseeName: record.supervisee.name,
    templateName: setup.template.name,
    basedOn: record.versions.length,
    actionIds,
    standingItems: setup.standingItems.map((item, i) => ({
      statusId: fieldIds.itemStatus(i),
      notesId: fieldIds.itemNotes(i),
      label: `${sections > 1 ? `${item.agendaLabel}: ` : ''}${item.number !== undefined ? `${item.number}. ` : ''}${item.text}`,
      statusOnly: isPersonalIssuesItem(item),
    })),
    agendaItems: setup.agendaLines.map((line, i) => {
      const caseRef = setup.agendaItems[i]?.caseRef;
      return caseRef ? { line, caseRef, categoryId: fieldIds.caseCategory(i), discussedId: fieldIds.caseDiscussed(i), closedId: fieldIds.caseClosed(i) } : { line };
    }),
    caseCategories: setup.caseCategories.map((c) => ({ id: c.id, label: c.label })),
    actions: actionIds.map((_, i) => ({ textId: fieldIds.actionText(i), ownerId: fieldIds.actionOwner(i), dueId: fieldIds.actionDue(i) })),
    values,
  };
}

/** The form for one session's record, for its supervisor: opened as the record card opens it (create-only, once the meeting has begun). */
export async function recordFormForTab(deps: TabDeps, personId: string, ids: { agreementId: string; sessionId: string }): Promise<RecordFormView> {
  const record = await openForSupervisor(deps, personId, ids);
  const setup = await recordSetup(deps.records, record);
  return formOf(record, setup, slotIdsFor(record), cardValues(record, setup));
}

/**
 * Signs and shares the record from the tab: shareRecord decides everything; what it refuses is
 * kept as the draft (nothing typed is lost) and answered field by field in its words; once shared,
 * the supervisee is sent it to sign as the record card sends it.
 */
export async function shareRecordFromTab(
  deps: TabDeps,
  actor: { id: string; name: string },
  input: { agreementId: string; sessionId: string; basedOn: number; actionIds: readonly string[]; fields: Record<string, string> },
): Promise<RecordShareAnswer> {
  await openForSupervisor(deps, actor.id, input);
  const result = await shareRecord(deps.records, actor, { agreementId: input.agreementId, sessionId: input.sessionId, basedOn: input.basedOn, fields: input.fields, actionIds: input.actionIds });
  if (result.kind === 'invalid') {
    const saved = await saveRecordDraft(deps.records, actor, { agreementId: input.agreementId, sessionId: input.sessionId, fields: input.fields });
    const setup = await recordSetup(deps.records, saved);
    return { kind: 'invalid', errors: result.errors, form: formOf(saved, setup, input.actionIds, input.fields) };
  }
  const told = result.changed && deps.recordShared ? await deps.recordShared(result.record).catch(() => 'unreachable' as const) : 'unreachable';
  return { kind: 'shared', record: recordViewOf(result.record, actor.id), changed: result.changed, superviseeTold: told === 'delivered' };
}
