import { describe, expect, it } from 'vitest';
import { AppError, errorCodes } from '../../src/domain/errors.js';

describe('AppError', () => {
  it('carries the lower error it wraps as the standard ES2022 cause', () => {
    const lower = new Error('socket hang up');
    const error = new AppError('unavailable', 'storage unreachable', { status: 503 }, { cause: lower });
    expect(error.cause).toBe(lower);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('unavailable');
    expect(error.details).toEqual({ status: 503 });
  });

  it('has no cause when it wraps nothing, and the cause stays out of its JSON', () => {
    const plain = new AppError('not_found', 'no such agreement');
    expect('cause' in plain).toBe(false);
    const wrapped = new AppError('internal', 'x', undefined, { cause: new Error('secret detail') });
    expect(JSON.stringify(wrapped)).not.toContain('secret detail');
  });

  it('status is the HTTP answer for its code', () => {
    for (const [code, status] of Object.entries(errorCodes)) expect(new AppError(code as keyof typeof errorCodes, 'x').status).toBe(status);
  });
});
