import { AppError } from '../../src/domain/errors.js';

/** The AppError code a promise rejects with, or 'no error'; anything else is rethrown. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}
