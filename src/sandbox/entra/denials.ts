import { GraphHttpError } from '../errors.js';
import type { Workload } from './route-permissions.js';

/**
 * A request whose token lacks every permission its route accepts, refused the way each workload
 * refuses it: the directory with Authorization_RequestDenied (errors.md), Exchange with
 * ErrorAccessDenied, SharePoint with accessDenied, Teams naming the roles it wanted, and the
 * change-notification service wrapping the resource's refusal in ExtensionError.
 */
export function missingPermission(workload: Workload, anyOf: readonly string[], held: ReadonlySet<string>): GraphHttpError {
  switch (workload) {
    case 'directory':
      return new GraphHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    case 'exchange':
      return new GraphHttpError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    case 'sharepoint':
      return held.size === 0
        ? new GraphHttpError(403, 'accessDenied', 'Either scp or roles claim need to be present in the token.')
        : new GraphHttpError(403, 'accessDenied', 'Access denied');
    case 'teams':
      return new GraphHttpError(403, 'Forbidden', `Missing role permissions on the request. API requires one of '${anyOf.join(', ')}'. Roles on the request '${[...held].sort().join(', ')}'.`);
    case 'subscriptions':
      return new GraphHttpError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]');
  }
}

/**
 * auth-limit-mailbox-access.md "Handling API errors": a mailbox outside the app's application
 * access policy answers 403 ErrorAccessDenied "Access to OData is disabled.".
 */
export function outsideAccessPolicy(): GraphHttpError {
  return new GraphHttpError(403, 'ErrorAccessDenied', 'Access to OData is disabled.');
}

const wwwAuthenticate = {
  'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
};

/** No bearer token, or one Graph does not accept: 401 InvalidAuthenticationToken (errors.md). */
export function invalidToken(reason: 'empty' | 'malformed' | 'expired' | 'invalid'): GraphHttpError {
  const message = {
    empty: 'Access token is empty.',
    malformed: 'IDX14100: JWT is not well formed, there are no dots (.).',
    expired: 'Lifetime validation failed, the token is expired.',
    invalid: 'Access token validation failure. Invalid audience or signature.',
  }[reason];
  return new GraphHttpError(401, 'InvalidAuthenticationToken', message, wwwAuthenticate);
}
