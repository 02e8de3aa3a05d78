/**
 * Reads a request's inputs against the route's schemas: path parameters, query string and JSON
 * body (413 above the body limit, 415 when the body is not JSON, 400 with field paths otherwise),
 * and the If-Match precondition.
 */
import type { Context } from 'hono';
import { ERROR_CODES } from '../constants.js';
import { BadRequestError, TooLargeError, UnsupportedMediaTypeError } from '../errors.js';
import { parseInput } from '../validation.js';
import type { Route } from './route.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export const assertBodySize = (c: Context, maxBytes: number): void => {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
};

const tooLarge = (maxBytes: number): TooLargeError =>
  new TooLargeError(ERROR_CODES.payloadTooLarge, `The request body may be at most ${maxBytes} bytes.`, { details: { limit: maxBytes } });

/** The raw parsed JSON body (before the schema), or undefined for routes without a body. */
export const readJsonBody = async (c: Context, route: Route, maxBytes: number): Promise<unknown> => {
  if (route.body === undefined) return undefined;
  const text = await c.req.text();
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge(maxBytes);
  const type = c.req.header('content-type');
  if (text.trim() === '') {
    // An empty body stands for an empty object (all-optional bodies may be left out).
    if (type !== undefined && !JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError();
    return {};
  }
  if (type === undefined || !JSON_TYPE.test(type)) throw new UnsupportedMediaTypeError(`The request body must be application/json${type === undefined ? '' : `, not ${type}`}.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequestError(ERROR_CODES.invalidJson, 'The request body is not valid JSON.', { details: { field: 'body' } });
  }
};

export const parseParams = (c: Context, route: Route): unknown => (route.params === undefined ? {} : parseInput(route.params, c.req.param(), 'path'));

export const parseQuery = (c: Context, route: Route): unknown => (route.query === undefined ? {} : parseInput(route.query, c.req.query(), 'query'));

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
