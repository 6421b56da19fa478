import { numberedItems, removeItem } from '../../domain/agenda/agenda.js';
import { addAgendaItem, agendaView, upcomingFor } from '../agenda/agenda.js';
import { updateAgenda } from '../agenda/deps.js';
import type { TabDeps } from './deps.js';
import { agendaViewOf } from './my-supervision.js';
import type { AgendaView } from './views.js';

/**
 * The tab's agenda edits (issue 13 item 1), with the chat's rules: the same use case adds an item
 * (a case by the pack's reference only; text that looks like a person's name refused with the
 * policy's reason), and only the session's two parties may change it. Both answer the agenda as
 * it now stands.
 */
export async function addItemFromTab(
  deps: TabDeps,
  personId: string,
  input: { agreementId: string; sessionId: string; itemId: string; text: string; caseRef?: string | undefined },
): Promise<{ agenda: AgendaView; added: boolean; number: number }> {
  const caseRef = input.caseRef?.trim() ?? '';
  const result = await addAgendaItem(deps.agenda, personId, { agreementId: input.agreementId, sessionId: input.sessionId }, {
    itemId: input.itemId,
    kind: caseRef === '' ? 'topic' : 'case',
    text: input.text,
    caseRef: caseRef === '' ? undefined : caseRef,
  });
  const view = await agendaView(deps.agenda, result.upcoming);
  return { agenda: agendaViewOf(view, personId, deps.today()), added: result.added, number: result.number };
}

/**
 * Removes an item by its id (the tab's list may be older than the agenda, so a number could name
 * another item by now). Removing an item that is already gone changes nothing.
 */
export async function removeItemFromTab(deps: TabDeps, personId: string, input: { agreementId: string; sessionId: string; itemId: string }): Promise<{ agenda: AgendaView; removed: boolean }> {
  const upcoming = await upcomingFor(deps.agenda, personId, input.agreementId, input.sessionId);
  const removed = await updateAgenda(deps.agenda, upcoming.agreement.id, upcoming.session.sessionId, (current) => {
    const number = numberedItems(current, upcoming.pack).find((n) => n.item.itemId === input.itemId)?.number;
    if (number === undefined) return { next: undefined, result: false };
    const r = removeItem(current, upcoming.pack, number, { id: personId, role: upcoming.role }, deps.agenda.now());
    return { next: r.agenda, result: true };
  });
  const view = await agendaView(deps.agenda, upcoming);
  return { agenda: agendaViewOf(view, personId, deps.today()), removed };
}

/** The agenda of one upcoming session, for one of its two parties. */
export async function agendaForTab(deps: TabDeps, personId: string, input: { agreementId: string; sessionId?: string | undefined }): Promise<AgendaView> {
  const upcoming = await upcomingFor(deps.agenda, personId, input.agreementId, input.sessionId);
  return agendaViewOf(await agendaView(deps.agenda, upcoming), personId, deps.today());
}

