import { randomUUID } from 'node:crypto';

/**
 * A Graph error as the service reports it. Routes throw these; the dispatcher turns them into
 * Graph's body shape so callers (and the graph client's GraphError parsing) see what Graph sends.
 */
export class GraphHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GraphHttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

/** Graph stamps innerError.date without fraction or zone designator. */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function errorBody(code: string, message: string, requestId: string, clientRequestId: string, nowMs: number): GraphErrorBody {
  return { error: { code, message, innerError: { date: graphDate(nowMs), 'request-id': requestId, 'client-request-id': clientRequestId } } };
}

export function newRequestId(): string {
  return randomUUID();
}

// The messages below are the ones Graph/Exchange/SharePoint send for these conditions.
export const errors = {
  userNotFound: (id: string) =>
    new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  invalidUser: (id: string) => new GraphHttpError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`),
  eventNotFound: () => new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'),
  idMalformed: () => new GraphHttpError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  changeKeyMismatch: () =>
    new GraphHttpError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    ),
  driveItemNotFound: () => new GraphHttpError(404, 'itemNotFound', 'The resource could not be found.'),
  nameAlreadyExists: (msg = 'The specified item name already exists.') => new GraphHttpError(409, 'nameAlreadyExists', msg),
  badRequest: (message: string, code = 'BadRequest') => new GraphHttpError(400, code, message),
  invalidRequest: (message: string) => new GraphHttpError(400, 'ErrorInvalidRequest', message),
  unsupportedQuery: (message = 'Unsupported Query.') => new GraphHttpError(400, 'Request_UnsupportedQuery', message),
  noRoute: (method: string, path: string) =>
    new GraphHttpError(400, 'BadRequest', `Resource not found for the segment '${lastSegment(path)}'.`, { 'x-sandbox-route': `${method} ${path}` }),
  methodNotAllowed: () => new GraphHttpError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
};

function lastSegment(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
