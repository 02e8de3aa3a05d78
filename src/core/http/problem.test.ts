import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, InternalError, NotFoundError, RateLimitedError, UnavailableError, ValidationError } from '../errors.js';
import { mapAwsError } from '../store/aws-errors.js';
import { problemOf, toAppError } from './problem.js';

const base = { typeBase: 'https://errors.example/', instance: '/users/1', requestId: 'req-1' };

describe('problem+json', () => {
  it('carries type, title, status, detail, code, instance, request id and field errors', () => {
    const doc = problemOf(new ValidationError([{ path: 'body.email', message: 'must be a valid email address', code: 'invalid_format' }], 'body.email must be a valid email address.'), base);
    expect(doc).toEqual({
      type: 'https://errors.example/validation_failed',
      title: 'Bad Request',
      status: 400,
      detail: 'body.email must be a valid email address.',
      code: 'validation_failed',
      instance: '/users/1',
      requestId: 'req-1',
      errors: [{ path: 'body.email', message: 'must be a valid email address', code: 'invalid_format' }],
    });
  });
  it('puts details in extension members without overriding standard ones', () => {
    const doc = problemOf(new ForbiddenError('permission_denied', 'no', { details: { missingPermission: 'users:read', status: 999 } }), base);
    expect(doc.missingPermission).toBe('users:read');
    expect(doc.status).toBe(403);
  });
  it('never leaks a 500\'s message, cause or details; unknown errors become internal_error', () => {
    const error = toAppError(new TypeError('secret internals at /srv/app.js:12'));
    expect(error).toBeInstanceOf(InternalError);
    const doc = problemOf(error, base);
    expect(doc).toMatchObject({ status: 500, code: 'internal_error', title: 'Internal Server Error' });
    expect(JSON.stringify(doc)).not.toContain('secret');
    expect(JSON.stringify(problemOf(new InternalError('table xyz missing', { details: { table: 'xyz' } }), base))).not.toContain('xyz');
  });
  it('keeps a 503\'s detail and Retry-After, and 429\'s', () => {
    const unavailable = new UnavailableError(2);
    expect(unavailable.headers['retry-after']).toBe('2');
    expect(problemOf(unavailable, base)).toMatchObject({ status: 503, code: 'store_unavailable', retryAfterSeconds: 2 });
    expect(new RateLimitedError(30).headers['retry-after']).toBe('30');
  });
});

describe('AWS error mapping', () => {
  it('maps throttling, unreachable stores and server faults to 503 with Retry-After', () => {
    for (const name of ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']) {
      expect(mapAwsError({ name })).toMatchObject({ status: 503, code: 'store_unavailable' });
    }
    expect(mapAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    expect(mapAwsError({ name: 'InternalServerError', $fault: 'server' })).toMatchObject({ status: 503 });
    expect(mapAwsError({ name: 'TimeoutError' })).toMatchObject({ status: 503 });
  });
  it('maps conflicts and size errors, passes AppErrors and unknown errors through', () => {
    expect(mapAwsError({ name: 'TransactionConflictException' })).toMatchObject({ status: 409, code: 'transaction_conflict' });
    expect(mapAwsError({ name: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' })).toMatchObject({ status: 413, code: 'item_too_large' });
    const own = new NotFoundError('User');
    expect(mapAwsError(own)).toBe(own);
    const odd = { name: 'ValidationException', message: 'something else' };
    expect(mapAwsError(odd)).toBe(odd);
    expect(new ConflictError().status).toBe(409);
  });
});
