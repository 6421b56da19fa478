import type { AppError, ErrorCode } from '../domain/errors.js';

/**
 * What a refusal says to a person (issue 16 L3). Messages written by the domain, the use cases and
 * the conversation are for people; an error that comes up from storage or Graph carries wording
 * for logs ("table sessions replace: version is stale", "Graph createEvents failed: HTTP 503"), and
 * a validator's own wording ("Invalid input: expected string, received undefined") is for
 * developers. Those are answered with one plain sentence per code instead.
 */
const PLAIN: Readonly<Record<ErrorCode, string>> = {
  invalid_input: 'I could not use what was sent: it is longer than I can keep or not in a form I can read. Please shorten it, or type "help".',
  forbidden: 'You cannot do that here.',
  not_found: 'I could not find that any more. Type "help" to start again.',
  conflict: 'Someone else changed this at the same moment. Nothing of yours was lost; please try again.',
  precondition_failed: 'This changed since your card was sent. Nothing of yours was lost; please open the latest card and try again.',
  throttled: 'Microsoft 365 is busy just now. Please try again in a minute.',
  policy_violation: 'That would break the supervision policy, so it was not done.',
  unavailable: 'I could not reach Outlook or the supervision records just now. Please try again in a few minutes.',
  internal: 'Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.',
};

/** Fields only adapters put on their errors: a storage code, a validator's issues, a Graph step or response code. */
const ADAPTER_DETAILS = ['storageCode', 'issues', 'step', 'permanent', 'responseCode'];

/** How adapter and validator messages begin (src/adapters/storage, src/adapters/graph, zod). */
const TECHNICAL_WORDING = /^(?:table |log |blob|queue |name "|lock|lease|Graph |graph |free\/busy|busy: |calendar delta|SharePoint|a person has no mailbox|a batch sub-request|Invalid |Too (?:big|small)|Unrecognized key|Expected |expected )|\b(?:expected \w+, received|ISO 8601|HTTP \d{3}|ECONN|ETIMEDOUT|ENOTFOUND)\b/;

/** Whether the message was written for logs or developers rather than for the person reading it. */
export function isTechnical(error: AppError): boolean {
  if (error.cause !== undefined) return true;
  const details = error.details ?? {};
  if (ADAPTER_DETAILS.some((key) => key in details)) return true;
  return TECHNICAL_WORDING.test(error.message);
}

/** The sentence a person reads for this refusal. */
export function personMessage(error: AppError): string {
  return isTechnical(error) ? PLAIN[error.code] : error.message;
}
