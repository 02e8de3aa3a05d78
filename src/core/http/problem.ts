/**
 * RFC 9457 problem+json. Every error that leaves the API has this shape: `type`, `title`,
 * `status`, `detail`, our stable `code`, the request id, `errors[]` (field paths) for
 * validation, and any further details as extension members. Unknown errors become a bare 500:
 * no message, no stack trace.
 */
import { AppError, InternalError, ValidationError } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId', 'errors']);

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: Array<{ path: string; message: string; code: string }>;
  [extension: string]: unknown;
}

export const toAppError = (error: unknown): AppError =>
  error instanceof AppError ? error : new InternalError('An unexpected error occurred.', { cause: error });

export const problemOf = (error: AppError, options: { typeBase: string; instance?: string; requestId?: string }): ProblemDocument => {
  const internal = error.status >= 500 && !(error.headers['retry-after'] !== undefined);
  const doc: ProblemDocument = {
    type: `${options.typeBase}${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    // A 500's message may describe our internals; the caller gets a generic sentence instead.
    detail: internal ? 'An unexpected error occurred. Quote the request id when reporting it.' : error.message,
    code: error.code,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
  };
  if (error instanceof ValidationError) doc.errors = error.errors;
  if (!internal && error.details !== undefined) {
    for (const [key, value] of Object.entries(error.details)) if (!STANDARD_MEMBERS.has(key) && value !== undefined) doc[key] = value;
  }
  return doc;
};
