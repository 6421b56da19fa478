import { finalVersion } from './lifecycle.js';
import type { SessionRecord, TrackedAction } from './schema.js';

/**
 * Agreed actions after the record is final (issue 5 item 5): tracked, carried into the next
 * agenda, overdue when their date has passed. Pure.
 */

export type ActionChange =
  | { readonly kind: 'create'; readonly action: TrackedAction }
  | { readonly kind: 'update'; readonly action: TrackedAction };

/**
 * The tracked rows a final record asks for, given the rows already stored for its agreement.
 * actionId is stable across versions, so signing again (or a replay) creates nothing new and an
 * action already tracked keeps its status and notes; only its words, owner or date follow the
 * final version. A record that is not final asks for nothing.
 */
export function trackedActionChanges(record: SessionRecord, existing: readonly TrackedAction[], at: string): ActionChange[] {
  const final = finalVersion(record);
  if (!final) return [];
  const byId = new Map(existing.map((a) => [a.actionId, a]));
  const out: ActionChange[] = [];
  for (const a of final.content.actions) {
    const stored = byId.get(a.actionId);
    if (!stored) {
      out.push({ kind: 'create', action: { actionId: a.actionId, agreementId: record.agreementId, fromSessionId: record.sessionId, text: a.text, ownerId: a.ownerId, ownerName: a.ownerName, due: a.due, status: 'open', updatedAt: at, notes: [] } });
      continue;
    }
    if (stored.text === a.text && stored.ownerId === a.ownerId && stored.ownerName === a.ownerName && stored.due === a.due) continue;
    out.push({ kind: 'update', action: { ...stored, text: a.text, ownerId: a.ownerId, ownerName: a.ownerName, due: a.due, updatedAt: at } });
  }
  return out;
}

/** The agreement's open actions, oldest due first: what the next agenda carries over. */
export function openActionsFor(actions: readonly TrackedAction[], agreementId: string): TrackedAction[] {
  return actions
    .filter((a) => a.agreementId === agreementId && a.status === 'open')
    .sort((a, b) => (a.due === b.due ? (a.actionId < b.actionId ? -1 : 1) : a.due < b.due ? -1 : 1));
}

/** Overdue: still open and due before today (an action due today is not late yet). */
export function overdueActions(actions: readonly TrackedAction[], today: string): TrackedAction[] {
  return actions.filter((a) => a.status === 'open' && a.due < today);
}
