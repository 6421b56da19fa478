/**
 * One typed error for the whole product. Codes are stable (pinned by a test) because cards,
 * HTTP answers and the CLI map them to what a person sees.
 */
export const errorCodes = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  throttled: 429,
  policy_violation: 422,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/**
 * `cause` is the lower error an adapter wrapped (ES2022 Error cause), kept so a log helper can
 * still read its name and HTTP status; like the message, it is never shown to a person.
 */
export interface AppErrorOptions {
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options: AppErrorOptions = {}) {
    // Only an error that really wraps another carries a cause ('cause' in error stays false otherwise).
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
