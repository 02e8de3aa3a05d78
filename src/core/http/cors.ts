/**
 * CORS, configured by CORS_ORIGINS (off when empty). Preflights are answered before routing and
 * authentication, as browsers send them without credentials.
 */
import type { SdkConfig } from '../config.js';
import type { StoredResponse } from './idempotency.js';

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

const allowedOrigin = (cors: SdkConfig['cors'], origin: string): string | undefined => {
  if (cors.origins.includes('*')) return cors.credentials ? origin : '*';
  return cors.origins.includes(origin) ? origin : undefined;
};

/** The answer to a preflight, or undefined when the request is not one (or CORS is off). */
export const preflightResponse = (cors: SdkConfig['cors'], method: string, headers: Record<string, string>): StoredResponse | undefined => {
  const origin = headers['origin'];
  if (cors.origins.length === 0 || origin === undefined || method !== 'OPTIONS' || headers['access-control-request-method'] === undefined) return undefined;
  const allowed = allowedOrigin(cors, origin);
  return {
    status: 204,
    body: '',
    headers: allowed === undefined ? { vary: 'Origin' } : {
      'access-control-allow-origin': allowed,
      ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': cors.allowHeaders.join(', '),
      'access-control-max-age': String(cors.maxAgeSeconds),
      vary: 'Origin',
    },
  };
};

/** Headers added to an ordinary response for an allowed origin. */
export const corsHeaders = (cors: SdkConfig['cors'], headers: Record<string, string>): Record<string, string> => {
  const origin = headers['origin'];
  if (cors.origins.length === 0 || origin === undefined) return {};
  const allowed = allowedOrigin(cors, origin);
  if (allowed === undefined) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': allowed,
    ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-expose-headers': cors.exposeHeaders.join(', '),
    vary: 'Origin',
  };
};
