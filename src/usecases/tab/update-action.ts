import type { Agreement } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { TrackedAction } from '../../domain/records/schema.js';
import type { TabDeps } from './deps.js';
import { actionViewOf } from './my-supervision.js';
import type { ActionView } from './views.js';

/**
 * An open action marked done or given an update from the tab (issue 13 item 1), by either party of
 * its agreement (the preparation card's rule: the action belongs to their supervision). Anyone
 * else is refused. Marking done twice, or adding the same note twice, changes nothing.
 */
export async function updateActionFromTab(
  deps: TabDeps,
  personId: string,
  input: { agreementId: string; actionId: string; done: boolean; note?: string | undefined },
): Promise<ActionView> {
  const agreement: Agreement | undefined = await deps.agenda.agreements.get(input.agreementId);
  if (!agreement || (agreement.terms.superviseeId !== personId && agreement.terms.supervisorId !== personId)) {
    throw new AppError('forbidden', 'Only the supervisor and the supervisee of this agreement can update its actions.');
  }
  const note = input.note?.trim() ?? '';
  if (note.length > 1000) throw new AppError('invalid_input', 'An update on an action can be at most 1,000 characters.');
  if (!input.done && note === '') throw new AppError('invalid_input', 'Write the update first, or mark the action done.');
  const at = deps.agenda.now();
  const updated = await deps.agenda.records.applyAction(input.agreementId, input.actionId, (current) => {
    if (!current) throw new AppError('not_found', 'That action no longer exists; reload the tab.');
    const noted = note !== '' && !current.notes.some((n) => n.by === personId && n.text === note);
    const done = input.done && current.status === 'open';
    if (!noted && !done) return { result: current };
    const next: TrackedAction = { ...current, status: done ? 'done' : current.status, notes: noted ? [...current.notes, { at, by: personId, text: note }] : current.notes, updatedAt: at };
    return { next, result: next };
  });
  return actionViewOf(updated, personId, deps.today());
}
