import { RestError } from '@azure/storage-blob';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src/adapters/storage/errors.js';
import { AppError } from '../../src/domain/errors.js';
import { errorFields } from '../../src/observability/error-fields.js';

/** A name and a phrase that must never reach a log line. */
const PERSONAL = 'Amara Fellgate said her child';

describe('errorFields: what a log line may say about an error', () => {
  it('an AppError: its name and code; no upstream status when it wraps nothing', () => {
    expect(errorFields(new AppError('policy_violation', `${PERSONAL} is not allowed`))).toEqual({ error: 'AppError', code: 'policy_violation' });
  });

  it("an AppError's own HTTP mapping (AppError.status) is not mistaken for what a service answered", () => {
    expect(errorFields(new AppError('unavailable', 'x')).status).toBeUndefined();
  });

  it('a Graph error: name, Graph code and status', () => {
    const error = new GraphError(404, `The mailbox of ${PERSONAL} was not found`);
    error.code = 'ErrorItemNotFound';
    expect(errorFields(error)).toEqual({ error: 'GraphError', code: 'ErrorItemNotFound', status: 404 });
  });

  it('a storage error wrapped by toAppError: our code, and the status read from it (details, then cause)', () => {
    const rest = new RestError(`blob ${PERSONAL} not found`, { statusCode: 404, code: 'BlobNotFound' });
    const wrapped = toAppError(rest, 'blob container x get');
    expect(wrapped.cause).toBe(rest);
    expect(errorFields(wrapped)).toEqual({ error: 'AppError', code: 'not_found', status: 404 });
    // A status only the cause knows is still found.
    expect(errorFields(new AppError('unavailable', 'sharepoint', undefined, { cause: { statusCode: 503 } }))).toEqual({ error: 'AppError', code: 'unavailable', status: 503 });
  });

  it("a Bot Connector error (RestError with a response): its status", () => {
    expect(errorFields(new RestError('Too many requests', { statusCode: 429 }))).toMatchObject({ error: 'RestError', status: 429 });
    expect(errorFields(Object.assign(new Error('x'), { response: { status: 403 } }))).toMatchObject({ status: 403 });
  });

  it('never the message, nor a code that is free text, however the error is shaped', () => {
    const shapes: unknown[] = [
      new Error(PERSONAL),
      new AppError('invalid_input', PERSONAL, { name: PERSONAL }),
      Object.assign(new Error(PERSONAL), { code: PERSONAL, statusCode: 400 }),
      Object.assign(new TypeError(PERSONAL), { cause: new Error(PERSONAL) }),
      { message: PERSONAL, code: PERSONAL },
      PERSONAL,
      undefined,
      null,
      42,
    ];
    for (const shape of shapes) {
      const line = JSON.stringify(errorFields(shape));
      expect(line).not.toContain('Amara');
      expect(line).not.toContain('child');
    }
  });

  it('anything thrown that is not an Error is "unknown"; a system error keeps its code', () => {
    expect(errorFields('boom')).toEqual({ error: 'unknown' });
    expect(errorFields(undefined)).toEqual({ error: 'unknown' });
    expect(errorFields(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toEqual({ error: 'Error', code: 'ECONNREFUSED' });
  });
});
