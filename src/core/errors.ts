/**
 * One error hierarchy for the whole SDK. Every error that can reach a caller carries a
 * stable `code` (documented in docs/errors.md), the HTTP status it maps to, optional
 * details and the underlying `cause`. The HTTP layer turns these into problem+json;
 * anything that is not an AppError becomes a 500 with no detail leaked.
 */
import { ERROR_CODES, type ErrorCode } from './constants.js';

export interface FieldError {
  /** JSON-pointer-like dotted path of the offending field, e.g. `body.address.country`. */
  path: string;
  message: string;
  code: string;
}

export interface AppErrorOptions {
  detail?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export class ValidationError extends AppError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[], message = 'The request is not valid.', options: AppErrorOptions = {}) {
    super(400, ERROR_CODES.validationFailed, message, options);
    this.errors = errors;
  }
}

export class BadRequestError extends AppError {
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(400, code, message, options);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: ErrorCode = ERROR_CODES.unauthorized, message = 'Authentication is required.', options: AppErrorOptions = {}) {
    super(401, code, message, { ...options, headers: { 'www-authenticate': 'Bearer', ...options.headers } });
  }
}

export class ForbiddenError extends AppError {
  constructor(code: ErrorCode = ERROR_CODES.forbidden, message = 'You are not allowed to do this.', options: AppErrorOptions = {}) {
    super(403, code, message, options);
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string, options: AppErrorOptions = {}) {
    super(404, ERROR_CODES.notFound, `${resource} not found.`, options);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(allowed: string[]) {
    super(405, ERROR_CODES.methodNotAllowed, 'This method is not allowed on this resource.', {
      details: { allowed },
      headers: { allow: allowed.join(', ') },
    });
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode = ERROR_CODES.conflict, message = 'The request conflicts with the current state.', options: AppErrorOptions = {}) {
    super(409, code, message, options);
  }
}

export class GoneError extends AppError {
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(410, code, message, options);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message = 'The resource has changed since you read it.', options: AppErrorOptions = {}) {
    super(412, ERROR_CODES.preconditionFailed, message, options);
  }
}

export class TooLargeError extends AppError {
  constructor(code: ErrorCode = ERROR_CODES.payloadTooLarge, message = 'The payload is too large.', options: AppErrorOptions = {}) {
    super(413, code, message, options);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'The request body must be application/json.', options: AppErrorOptions = {}) {
    super(415, ERROR_CODES.unsupportedMediaType, message, options);
  }
}

/** A semantic rule of the domain was broken (HTTP 422). */
export class RuleViolationError extends AppError {
  constructor(code: ErrorCode = ERROR_CODES.ruleViolation, message = 'The request breaks a rule.', options: AppErrorOptions = {}) {
    super(422, code, message, options);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests.', options: AppErrorOptions = {}) {
    super(429, ERROR_CODES.rateLimited, message, {
      ...options,
      details: { retryAfterSeconds, ...options.details },
      headers: { 'retry-after': String(retryAfterSeconds), ...options.headers },
    });
  }
}

/** 503 with Retry-After. `code`: which service is unavailable (the store's by default). */
export class UnavailableError extends AppError {
  constructor(retryAfterSeconds: number, message = 'The service is temporarily unavailable.', options: AppErrorOptions & { code?: ErrorCode } = {}) {
    super(503, options.code ?? ERROR_CODES.unavailable, message, {
      ...options,
      details: { retryAfterSeconds, ...options.details },
      headers: { 'retry-after': String(retryAfterSeconds), ...options.headers },
    });
  }
}

/** A programming or configuration mistake: surfaces as a 500 without detail. */
export class InternalError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super(500, ERROR_CODES.internal, message, options);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
