import type { AppError, ErrorCode } from '../../domain/errors.js';

/**
 * What the tab shows for a refusal: the use case's own sentence, written for people, unless the
 * error came up from storage or Graph (a cause, an adapter's details) — then one plain sentence for
 * its code. A validator's wording never reaches a person: the API checks its input before any use
 * case runs and answers in its own words.
 */
const PLAIN: Readonly<Record<ErrorCode, string>> = {
  invalid_input: 'That could not be used. Please check it and try again.',
  forbidden: 'You cannot do that here.',
  not_found: 'That could not be found any more. Reload the tab.',
  conflict: 'Someone else changed this at the same moment. Nothing of yours was lost; please try again.',
  precondition_failed: 'This changed since the tab loaded it. Nothing of yours was lost; reload the tab and try again.',
  throttled: 'Microsoft 365 is busy just now. Please try again in a minute.',
  policy_violation: 'That would break the supervision policy, so it was not done.',
  unavailable: 'The supervision records could not be reached just now. Please try again in a few minutes.',
  internal: 'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.',
};

const ADAPTER_DETAILS = ['storageCode', 'issues', 'step', 'permanent', 'responseCode'];

export function plainWords(error: AppError): string {
  const details = error.details ?? {};
  const technical = error.cause !== undefined || ADAPTER_DETAILS.some((key) => key in details) || error.code === 'internal' || error.code === 'unavailable';
  return technical ? PLAIN[error.code] : error.message;
}
