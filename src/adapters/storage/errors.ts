import { AppError, isAppError, type ErrorCode } from '../../domain/errors.js';

/** The parts of an Azure SDK RestError we rely on, read defensively (any SDK may throw). */
interface RestErrorLike {
  name?: unknown;
  statusCode?: unknown;
  code?: unknown;
  details?: { errorCode?: unknown } | unknown;
}

export function storageErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as RestErrorLike;
  const details = e.details as { errorCode?: unknown } | undefined;
  if (details && typeof details === 'object' && typeof details.errorCode === 'string') return details.errorCode;
  return typeof e.code === 'string' ? e.code : undefined;
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as RestErrorLike).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps an SDK failure to AppError. `what` names the resource kind and operation only: keys and
 * values can identify people, so they never go into messages (they end up in logs).
 */
export function toAppError(error: unknown, what: string, overrides: Partial<Record<number, ErrorCode>> = {}): AppError {
  if (isAppError(error)) return error;
  const status = statusOf(error);
  const code = storageErrorCode(error);
  const details: Record<string, unknown> = {};
  if (status !== undefined) details.status = status;
  if (code !== undefined) details.storageCode = code;
  const override = status === undefined ? undefined : overrides[status];
  // The SDK error rides along as the cause, for log fields (errorFields); its message never reaches ours.
  const wrap = (appCode: ErrorCode, message: string): AppError => new AppError(appCode, message, details, { cause: error });
  if (override) return wrap(override, `${what}: ${code ?? status}`);
  if (status === undefined) {
    const name = (error as RestErrorLike | null)?.name;
    const reason = name === 'AbortError' ? 'timeout' : (code ?? 'network error');
    return wrap('unavailable', `${what}: storage unreachable (${reason})`);
  }
  switch (status) {
    case 404:
      return wrap('not_found', `${what}: not found`);
    case 409:
      return wrap('conflict', `${what}: conflict (${code ?? 409})`);
    case 412:
      return wrap('precondition_failed', `${what}: version is stale`);
    case 400:
    case 413:
      return wrap('invalid_input', `${what}: rejected by storage (${code ?? status})`);
    case 429:
      return wrap('throttled', `${what}: throttled`);
    case 500:
    case 503:
      return wrap('unavailable', `${what}: storage busy (${code ?? status})`);
    default:
      return wrap('internal', `${what}: unexpected storage response (${code ?? status})`);
  }
}

/** Runs an SDK call and turns its failures into AppError. */
export async function guard<T>(what: string, run: () => Promise<T>, overrides?: Partial<Record<number, ErrorCode>>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toAppError(error, what, overrides);
  }
}
