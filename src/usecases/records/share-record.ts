import { AppError } from '../../domain/errors.js';
import type { FieldErrors } from '../../domain/records/form.js';
import { readRecordForm } from '../../domain/records/form.js';
import { requireRecordParty, shareVersion } from '../../domain/records/lifecycle.js';
import type { SessionRecord } from '../../domain/records/schema.js';
import { notifyChange, readRecordAs, updateRecord, type Actor, type RecordDeps } from './deps.js';
import { formContext, recordSetup } from './record-context.js';

export interface ShareInput {
  readonly agreementId: string;
  readonly sessionId: string;
  /** How many versions the card showed (0 for the first share). */
  readonly basedOn: number;
  /** The card's fields as submitted. */
  readonly fields: Record<string, unknown>;
  /** The action slot ids the card carried. */
  readonly actionIds: readonly string[];
}

export type ShareResult =
  | { readonly kind: 'invalid'; readonly errors: FieldErrors; readonly record: SessionRecord }
  | { readonly kind: 'shared'; readonly record: SessionRecord; readonly changed: boolean };

/**
 * The supervisor signs and shares a version (issue 5 item 3; Leeds §D (L108) the supervisor
 * records; Sefton ¶6.2 (L228) signed by both): validated against the pack's standing items,
 * then shareVersion with the supervisor's signature, persisted with the ETag read. A replay of the
 * same submit changes nothing (`changed: false`). Invalid fields are saved as the draft so
 * nothing typed is lost, and come back with one message per field.
 */
export async function shareRecord(deps: RecordDeps, actor: Actor, input: ShareInput): Promise<ShareResult> {
  const current = await readRecordAs(deps, actor.id, input.agreementId, input.sessionId, input.basedOn > 0 ? 'amend' : 'share');
  requireRecordParty(current, actor.id, 'supervisor');
  if (current.kind) throw new AppError('conflict', 'This is the record of a review or milestone: record it on its own card.');
  const setup = await recordSetup(deps, current);
  const form = readRecordForm(input.fields, formContext(current, setup, input.actionIds));
  if (!form.ok) return { kind: 'invalid', errors: form.errors, record: current };
  const { record, changed } = await updateRecord(deps, input.agreementId, input.sessionId, (r) => shareVersion(r, actor, form.content, input.basedOn, deps.now()));
  if (changed) {
    await markSessionHeld(deps, input.agreementId, input.sessionId);
    await notifyChange(deps, input.agreementId);
  }
  return { kind: 'shared', record, changed };
}

/**
 * A shared record means the meeting took place: the session counts as held for the obligations.
 * A race lost after the repository's attempts is an error (LostRaceError), never a silent skip.
 */
export async function markSessionHeld(deps: Pick<RecordDeps, 'agreements'>, agreementId: string, sessionId: string): Promise<void> {
  await deps.agreements.applySession(agreementId, sessionId, (stored) =>
    !stored || stored.status === 'held' || stored.status === 'cancelled' ? { result: undefined } : { next: { ...stored, status: 'held' }, result: undefined });
}
