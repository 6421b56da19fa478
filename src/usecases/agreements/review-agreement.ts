import { validateAgreementForm, type AgreementForm, type FieldErrors } from '../../domain/agreements/form.js';
import { recordDelivery, requestChanges, requireParty, reviseTerms } from '../../domain/agreements/state-machine.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import { loadAgreement, updateAgreement, type AgreementDeps } from './deps.js';
import { formContext } from './form-context.js';

/** The supervisee's "ask for changes": the comment goes back to the supervisor with the agreement. */
export async function requestAgreementChanges(deps: AgreementDeps, actorId: string, agreementId: string, comment: string): Promise<Agreement> {
  return updateAgreement(deps, agreementId, (current) => {
    const next = requestChanges(current, actorId, comment, deps.now());
    return { next, result: next };
  });
}

export type ReviseResult = { readonly kind: 'invalid'; readonly errors: FieldErrors; readonly form: AgreementForm } | { readonly kind: 'revised'; readonly agreement: Agreement };

/** The supervisor edits the terms and resends; earlier signatures no longer count. */
export async function reviseAgreement(deps: AgreementDeps, supervisor: Person, form: AgreementForm): Promise<ReviseResult> {
  const current = await loadAgreement(deps, form.agreementId);
  requireParty(current, supervisor.id);
  // Refused before the form is read: a supervisee's press must not come back as the edit form (issue 16 L8).
  if (current.terms.supervisorId !== supervisor.id) throw new AppError('forbidden', 'Only the supervisor can change the agreement. Ask for changes on the agreement card instead.');
  if (form.superviseeId !== current.terms.superviseeId) {
    return { kind: 'invalid', errors: { superviseeId: 'The supervisee of an agreement cannot change. Start a new agreement for someone else.' }, form };
  }
  const filled = await formContext(deps, supervisor, form);
  const checked = validateAgreementForm(filled.form, filled.context);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors, form: filled.form };
  const agreement = await updateAgreement(deps, form.agreementId, (latest) => {
    const next = reviseTerms(latest, supervisor.id, checked.terms, deps.now(), form.note);
    return { next, result: next };
  });
  return { kind: 'revised', agreement };
}

/** Whether the latest send reached the supervisee; kept so the supervisor can resend later. */
export async function noteDelivery(deps: AgreementDeps, agreementId: string, outcome: 'delivered' | 'unreachable'): Promise<Agreement> {
  return updateAgreement(deps, agreementId, (current) => {
    if (current.superviseeNotified === outcome) return { next: undefined, result: current };
    const next = recordDelivery(current, outcome);
    return { next, result: next };
  });
}

/** Reading an agreement is for its two parties only (DESIGN.md "Security"). */
export async function readAgreement(deps: AgreementDeps, actorId: string, agreementId: string): Promise<Agreement> {
  const found = await deps.agreements.get(agreementId);
  if (!found) throw new AppError('not_found', 'I could not find that agreement.');
  requireParty(found, actorId);
  return found;
}
