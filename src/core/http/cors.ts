/**
 * CORS, configured by CORS_ORIGINS (off when empty). Preflights are answered here, before
 * routing and authentication, as browsers send them without credentials.
 */
import type { MiddlewareHandler } from 'hono';
import type { SdkConfig } from '../config.js';

const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

const allowedOrigin = (cors: SdkConfig['cors'], origin: string): string | undefined => {
  if (cors.origins.includes('*')) return cors.credentials ? origin : '*';
  return cors.origins.includes(origin) ? origin : undefined;
};

export const corsMiddleware = (config: () => SdkConfig): MiddlewareHandler => async (c, next) => {
  const { cors } = config();
  const origin = c.req.header('origin');
  if (cors.origins.length === 0 || origin === undefined) return next();
  const allowed = allowedOrigin(cors, origin);
  const common: Record<string, string> = allowed === undefined ? {} : {
    'access-control-allow-origin': allowed,
    ...(cors.credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    vary: 'Origin',
  };
  if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
    return new Response(null, {
      status: 204,
      headers: allowed === undefined ? { vary: 'Origin' } : {
        ...common,
        'access-control-allow-methods': METHODS,
        'access-control-allow-headers': cors.allowHeaders.join(', '),
        'access-control-max-age': String(cors.maxAgeSeconds),
      },
    });
  }
  await next();
  for (const [name, value] of Object.entries(common)) c.res.headers.set(name, value);
  if (allowed !== undefined) c.res.headers.set('access-control-expose-headers', cors.exposeHeaders.join(', '));
};
