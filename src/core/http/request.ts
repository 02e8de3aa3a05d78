/**
 * The request as the pipeline sees it, whatever carried it (an API Gateway event, the local
 * server), and how its inputs are read against the route's schemas: path parameters, query
 * string, JSON body (413 above the limit, 415 when not JSON, 400 with field paths otherwise) and
 * the If-Match precondition.
 */
import { ERROR_CODES } from '../constants.js';
import { BadRequestError, TooLargeError, UnsupportedMediaTypeError } from '../errors.js';
import { parseInput } from '../validation.js';
import type { Route } from './route.js';

export interface HttpRequest {
  method: string;
  /** The raw path, e.g. `/users/abc`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body as text ('' when there is none). */
  body: string;
  /** The gateway's request id, when there is one. */
  requestId?: string | undefined;
  /** Claims an API Gateway JWT authorizer already verified. */
  claims?: Record<string, unknown> | undefined;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const tooLarge = (maxBytes: number): TooLargeError =>
  new TooLargeError(ERROR_CODES.payloadTooLarge, `The request body may be at most ${maxBytes} bytes.`, { details: { limit: maxBytes } });

export const assertBodySize = (req: HttpRequest, maxBytes: number): void => {
  const declared = Number(req.headers['content-length'] ?? '0');
  if ((Number.isFinite(declared) && declared > maxBytes) || Buffer.byteLength(req.body, 'utf8') > maxBytes) throw tooLarge(maxBytes);
};

/** The raw parsed JSON body (before the schema), or undefined for routes without a body. */
export const readJsonBody = (req: HttpRequest, route: Route): unknown => {
  if (route.body === undefined) return undefined;
  const type = req.headers['content-type'];
  if (req.body.trim() === '') {
    // An empty body stands for an empty object (all-optional bodies may be left out).
    if (type !== undefined && !JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError();
    return {};
  }
  if (type === undefined || !JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError(`The request body must be application/json${type === undefined ? '' : `, not ${type}`}.`);
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    throw new BadRequestError(ERROR_CODES.invalidJson, 'The request body is not valid JSON.', { details: { field: 'body' } });
  }
};

export const parseParams = (route: Route, params: Record<string, string>): unknown => (route.params === undefined ? {} : parseInput(route.params, params, 'path'));

export const parseQuery = (route: Route, query: Record<string, string>): unknown => (route.query === undefined ? {} : parseInput(route.query, query, 'query'));

export const parseBody = (route: Route, raw: unknown): unknown => (route.body === undefined ? undefined : parseInput(route.body, raw, 'body'));

const ETAG = /^(?:W\/)?"(\d{1,15})"$/;

/** If-Match as a version number; `*` or absent means no precondition. */
export const parseIfMatch = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = ETAG.exec(value.trim());
  if (match === null) {
    throw new BadRequestError(ERROR_CODES.invalidIfMatch, 'If-Match must be one ETag of this resource, such as "3".', { details: { field: 'header.if-match' } });
  }
  return Number(match[1]);
};
