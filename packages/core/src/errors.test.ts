// The error currency: each class carries the status and code the server maps to a response.
import { describe, expect, it } from 'vitest';
import {
  AppError,
  Conflict,
  DecryptionFailed,
  Forbidden,
  Invalid,
  NotFound,
  PayloadTooLarge,
  Tampered,
  TooManyRequests,
  Unauthorized,
  Unavailable,
} from './errors.ts';

describe('errors', () => {
  it.each([
    [new Invalid('m'), 400, 'invalid', 'Invalid'],
    [new Unauthorized('m'), 401, 'unauthorized', 'Unauthorized'],
    [new Forbidden('m'), 403, 'forbidden', 'Forbidden'],
    [new NotFound('m'), 404, 'not-found', 'NotFound'],
    [new Conflict('m'), 409, 'conflict', 'Conflict'],
    [new PayloadTooLarge('m'), 413, 'payload-too-large', 'PayloadTooLarge'],
    [new TooManyRequests('m'), 429, 'too-many-requests', 'TooManyRequests'],
    [new Unavailable('m'), 503, 'unavailable', 'Unavailable'],
    [new Tampered('m'), 409, 'tampered', 'Tampered'],
    [new DecryptionFailed(), 500, 'decryption-failed', 'DecryptionFailed'],
  ] as const)('%s has status %i and code %s', (error, status, code, name) => {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
    expect(error.details).toBeUndefined();
    expect(error.stack).toContain(name);
  });

  it('keeps the message and details it is given', () => {
    const error = new NotFound('Record not found', { resourceType: 'Observation' });
    expect(error.message).toBe('Record not found');
    expect(error.details).toEqual({ resourceType: 'Observation' });
  });

  it('carries Retry-After seconds for 429 and 503 when given', () => {
    expect(new TooManyRequests('Slow down', 30).retryAfterSeconds).toBe(30);
    expect(new TooManyRequests('Slow down').retryAfterSeconds).toBeUndefined();
    const unavailable = new Unavailable('Chain unreachable', 5, { chainId: 31337 });
    expect(unavailable.retryAfterSeconds).toBe(5);
    expect(unavailable.details).toEqual({ chainId: 31337 });
  });

  it('gives DecryptionFailed a generic default message', () => {
    expect(new DecryptionFailed().message).toBe('Decryption failed');
  });

  it('supports a custom AppError status and code', () => {
    const error = new AppError(418, 'teapot', 'Short and stout');
    expect([error.status, error.code, error.message]).toEqual([418, 'teapot', 'Short and stout']);
  });
});
