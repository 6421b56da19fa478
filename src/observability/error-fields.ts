import { isAppError } from '../domain/errors.js';

/** What a log line may say about an error (a type, not an interface, so it spreads into LogFields). */
export type ErrorFields = {
  /** The error's class name ('AppError', 'RestError', 'GraphError', 'AbortError'…), or 'unknown'. */
  error: string;
  /** Our AppError code, else a service's error code ('ErrorItemNotFound', 'LeaseAlreadyPresent', 'ECONNRESET'). */
  code?: string;
  /** The HTTP status a service answered (Graph, Azure Storage, the Bot Connector). */
  status?: number;
};

/**
 * Service codes are identifiers; anything else in a `code` property (free text, a value that
 * came from a request) is left out, because log lines must not carry personal data.
 */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** How deep to follow `cause` for a status: an AppError wraps an SDK error, rarely more. */
const MAX_CAUSE_DEPTH = 3;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

/** The upstream status: an AppError's details.status, else the SDK error's statusCode (or status, or response.status). */
function statusOf(error: unknown, depth = 0): number | undefined {
  if (typeof error !== 'object' || error === null || depth > MAX_CAUSE_DEPTH) return undefined;
  // AppError.status is our own mapping of its code, not what a service said: never read it here.
  const own = isAppError(error)
    ? httpStatus(error.details?.status)
    : (httpStatus(field(error, 'statusCode')) ?? httpStatus(field(error, 'status')) ?? httpStatus(field(field(error, 'response'), 'status')));
  return own ?? statusOf(field(error, 'cause'), depth + 1);
}

function codeOf(error: unknown): string | undefined {
  if (isAppError(error)) return error.code;
  const code = field(error, 'code');
  return typeof code === 'string' && IDENTIFIER.test(code) ? code : undefined;
}

/** The error's name; for a class that leaves it at 'Error' (the Graph SDK's GraphError), its class name. */
function nameOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const name = error.name === 'Error' ? error.constructor.name : error.name;
  return IDENTIFIER.test(name) ? name : 'Error';
}

/**
 * Any thrown value as log fields: its class name, AppError code and HTTP status, and never its
 * message, which may name a person or quote what they typed. Spread it into a log call:
 * `log.warn('sweep.failed', { ...errorFields(error) })`. Fields without a value are left out.
 */
export function errorFields(error: unknown): ErrorFields {
  const fields: ErrorFields = { error: nameOf(error) };
  const code = codeOf(error);
  if (code !== undefined) fields.code = code;
  const status = statusOf(error);
  if (status !== undefined) fields.status = status;
  return fields;
}
