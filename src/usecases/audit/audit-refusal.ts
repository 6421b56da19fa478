import type { AppError } from '../../domain/errors.js';
import { errorFields } from '../../observability/error-fields.js';
import type { Logger } from '../../observability/logger.js';
import type { RefusalEntry, RefusalRepository } from '../../repositories/refusals.js';

export interface RefusalAuditDeps {
  readonly refusals: Pick<RefusalRepository, 'record'>;
  readonly now: () => string;
  readonly newId: () => string;
  readonly log: Logger;
}

export interface Refusal {
  /** Who was refused, as the channel authenticated them (absent when it sent no id). */
  readonly byId: string | undefined;
  /** The card verb or chat command. */
  readonly what: string;
  readonly error: AppError;
  /** Which agreement or session the card named, when it named one in an id's form. */
  readonly agreementId?: string | undefined;
  readonly sessionId?: string | undefined;
}

/** Ids a card names are kept only when they look like ids: what someone typed never reaches the log. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const asId = (value: string | undefined): string | undefined => (value !== undefined && ID.test(value) ? value : undefined);

/** A refusal whose use case wrote its own audit entry (a record view, records.ts) says so in its details. */
export function alreadyAudited(error: AppError): boolean {
  return error.details?.['audited'] === true;
}

/**
 * Every refusal is audited (issue 16 L7; DESIGN.md "Security"): an entry in the append-only log
 * says who tried what, on which agreement or session, and when; the log line names what and the
 * entry's id (never the person, who is in the entry). An audit that cannot be written does not
 * turn the refusal into a failure: the person still gets their answer and the failure is logged.
 * Returns the entry's id.
 */
export async function auditRefusal(deps: RefusalAuditDeps, refusal: Refusal): Promise<string | undefined> {
  if (alreadyAudited(refusal.error)) return undefined;
  const id = deps.newId();
  const entry: RefusalEntry = {
    event: 'refused',
    ...(asId(refusal.byId) ? { byId: refusal.byId } : {}),
    what: refusal.what.slice(0, 100) || 'unknown',
    code: refusal.error.code,
    ...(asId(refusal.agreementId) ? { agreementId: refusal.agreementId } : {}),
    ...(asId(refusal.sessionId) ? { sessionId: refusal.sessionId } : {}),
    at: deps.now(),
  };
  try {
    await deps.refusals.record(entry, id);
  } catch (error) {
    deps.log.warn('refusal.audit_failed', { what: entry.what, code: entry.code, ...errorFields(error) });
    return undefined;
  }
  deps.log.info('refusal.audited', { what: entry.what, code: entry.code, auditId: id });
  return id;
}
