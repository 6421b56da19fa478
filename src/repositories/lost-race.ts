import { AppError } from '../domain/errors.js';

/**
 * A write that kept losing to other writers (ETag races) until its attempts ran out. It is an
 * error the caller sees, never a silent give-up: the person is asked to try again, the job retries
 * its message. Code `conflict`, so cards and HTTP answers map it like any other clash.
 */
export class LostRaceError extends AppError {
  constructor(what: string, attempts: number) {
    super('conflict', 'Someone else changed this at the same moment. Nothing of yours was lost; please try again.', { what, attempts });
    this.name = 'LostRaceError';
  }
}

export function isLostRace(error: unknown): error is LostRaceError {
  return error instanceof LostRaceError;
}
