import { validateAgreementForm, type AgreementForm, type FieldErrors } from '../../domain/agreements/form.js';
import { draftAgreement, sendToSupervisee } from '../../domain/agreements/state-machine.js';
import type { Agreement } from '../../domain/agreements/types.js';
import { AppError } from '../../domain/errors.js';
import type { Person } from '../../domain/people/person.js';
import { loadAgreement, type AgreementDeps } from './deps.js';
import { formContext } from './form-context.js';

export type StartResult =
  /** `form` is what was submitted with the directory's answers filled in, for re-rendering. */
  | { readonly kind: 'invalid'; readonly errors: FieldErrors; readonly form: AgreementForm }
  | { readonly kind: 'created'; readonly agreement: Agreement }
  /** The same card was submitted again: the agreement it already made, unchanged. */
  | { readonly kind: 'duplicate'; readonly agreement: Agreement };

/**
 * The supervisor submits the agreement card. The card's agreementId was minted when the card was
 * rendered, so a second submit of the same card finds the first agreement instead of making a
 * second one (create fails with conflict). Nothing is stored unless every field is valid.
 */
export async function startAgreement(deps: AgreementDeps, supervisor: Person, form: AgreementForm): Promise<StartResult> {
  const existing = await deps.agreements.get(form.agreementId);
  if (existing) return duplicate(deps, supervisor, existing);

  const filled = await formContext(deps, supervisor, form);
  const checked = validateAgreementForm(filled.form, filled.context);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors, form: filled.form };

  const now = deps.now();
  const supervisee = await deps.directory.getPerson(checked.terms.superviseeId);
  const draft = draftAgreement({
    id: form.agreementId,
    terms: checked.terms,
    now,
    parties: { supervisorName: supervisor.displayName, superviseeName: supervisee?.displayName ?? 'your supervisee' },
  });
  const agreement = sendToSupervisee(draft, supervisor.id, now);
  if ((await deps.agreements.create(agreement)) === 'exists') return duplicate(deps, supervisor, await loadAgreement(deps, agreement.id));
  await linkParties(deps, agreement);
  return { kind: 'created', agreement };
}

async function duplicate(deps: AgreementDeps, supervisor: Person, agreement: Agreement): Promise<StartResult> {
  // Someone else's card id must not reveal or touch their agreement.
  if (agreement.terms.supervisorId !== supervisor.id) throw new AppError('forbidden', 'That card belongs to someone else.');
  // A crash after create but before the links were written is repaired by the retried submit.
  await linkParties(deps, agreement);
  return { kind: 'duplicate', agreement };
}

export async function linkParties(deps: AgreementDeps, agreement: Agreement): Promise<void> {
  await Promise.all([
    deps.agreements.link(agreement.terms.supervisorId, { agreementId: agreement.id, party: 'supervisor', createdAt: agreement.createdAt }),
    deps.agreements.link(agreement.terms.superviseeId, { agreementId: agreement.id, party: 'supervisee', createdAt: agreement.createdAt }),
  ]);
}
