import type { Agreement, PlannedSession } from '../../domain/agreements/types.js';
import { createWorkingCalendar } from '../../domain/calendar/working-calendar.js';
import { AppError } from '../../domain/errors.js';
import { caseCategoriesOf, type CaseCategory } from '../../domain/records/case-categories.js';
import { actionSlotIds, contentAsForm, type RecordFormContext } from '../../domain/records/form.js';
import { latestVersion } from '../../domain/records/lifecycle.js';
import type { RecordContent, SessionRecord } from '../../domain/records/schema.js';
import { nextMeetingDate, recordShareDeadline, standingItemsFor, staffSessionTemplate, type ShareDeadline, type StandingItem } from '../../domain/records/template.js';
import type { PolicyPack } from '../../policy/schema.js';
import type { RecordDeps } from './deps.js';

/** Everything the record card and its validation need about one session's record. */
export interface RecordSetup {
  readonly agreement: Agreement;
  readonly pack: PolicyPack;
  readonly template: { readonly id: string; readonly name: string };
  readonly standingItems: readonly StandingItem[];
  readonly agendaItems: RecordContent['agendaItems'];
  /** Who raised each agenda item, for the card. */
  readonly agendaLines: readonly string[];
  readonly nextMeetingDate?: string | undefined;
  readonly shareDeadline: ShareDeadline;
  /** The categories a case item may take, as the pack names them (issue 14 item 2). */
  readonly caseCategories: readonly CaseCategory[];
}

export async function loadAgreementFor(deps: Pick<RecordDeps, 'agreements'>, agreementId: string): Promise<Agreement> {
  const found = await deps.agreements.get(agreementId);
  if (!found) throw new AppError('not_found', 'I could not find the agreement this session belongs to.');
  return found;
}

export async function loadSession(deps: Pick<RecordDeps, 'agreements'>, agreementId: string, sessionId: string): Promise<PlannedSession> {
  return deps.agreements.requireSession(agreementId, sessionId);
}

export async function recordSetup(deps: RecordDeps, record: Pick<SessionRecord, 'agreementId' | 'sessionId' | 'sessionDate'>): Promise<RecordSetup> {
  const agreement = await loadAgreementFor(deps, record.agreementId);
  const pack = deps.packFor(agreement.terms.policyId);
  const [sessions, agenda] = await Promise.all([
    deps.agreements.sessions(record.agreementId),
    deps.records.agenda(record.agreementId, record.sessionId),
  ]);
  const items = agenda?.items ?? [];
  const current = sessions.find((s) => s.sessionId === record.sessionId) ?? { sessionId: record.sessionId, date: record.sessionDate, status: 'booked' as const };
  return {
    agreement,
    pack,
    template: staffSessionTemplate(pack),
    standingItems: standingItemsFor(pack, agreement.terms.roleId),
    agendaItems: items.map((i) => ({ text: i.text, ...(i.caseRef ? { caseRef: i.caseRef } : {}) })),
    agendaLines: items.map((i) => `${i.addedByRole === 'supervisor' ? 'Supervisor' : 'Supervisee'}: ${i.caseRef ? `[${i.caseRef}] ` : ''}${i.text}`),
    nextMeetingDate: nextMeetingDate(sessions, current),
    shareDeadline: recordShareDeadline(pack, createWorkingCalendar({ nation: pack.nation }), record.sessionDate),
    caseCategories: caseCategoriesOf(pack),
  };
}

/** The ids of the card's action slots for this record: the latest version's actions keep theirs. */
export function slotIdsFor(record: SessionRecord): string[] {
  return actionSlotIds(record.sessionId, latestVersion(record)?.content.actions.map((a) => a.actionId) ?? []);
}

export function formContext(record: SessionRecord, setup: RecordSetup, actionIds: readonly string[]): RecordFormContext {
  return { standingItems: setup.standingItems, supervisor: record.supervisor, supervisee: record.supervisee, actionIds, agendaItems: setup.agendaItems, caseCategories: setup.caseCategories.map((c) => c.id) };
}

/**
 * What the card shows in its fields: the saved draft if there is one, else the latest shared
 * version (amending), else the defaults (next meeting date from the schedule).
 */
export function cardValues(record: SessionRecord, setup: RecordSetup): Record<string, string> {
  if (record.draft) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(record.draft)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  const latest = latestVersion(record);
  if (latest) return contentAsForm(latest.content, setup.standingItems, { supervisorId: record.supervisor.id });
  return setup.nextMeetingDate ? { nextMeetingDate: setup.nextMeetingDate } : {};
}
