/**
 * Builds the Hono application for a set of routes. Each request passes the same pipeline:
 * body limit → authentication → tenant and membership gate → permission → input validation →
 * idempotency → handler, and leaves as JSON or problem+json with a request id and one log line.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { requirePermission } from '../access/permissions.js';
import { resolveContext } from '../access/resolve-context.js';
import { authenticate } from '../auth/authenticate.js';
import { ERROR_CODES, HEADERS } from '../constants.js';
import type { RequestContext } from '../context.js';
import { AppError, ForbiddenError, InternalError, MethodNotAllowedError, NotFoundError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { corsMiddleware } from './cors.js';
import { fingerprintOf, isTransientFailure, validateIdempotencyKey, type StoredResponse } from './idempotency.js';
import { PROBLEM_CONTENT_TYPE, problemOf, toAppError } from './problem.js';
import { assertBodySize, parseBody, parseIfMatch, parseParams, parseQuery, readJsonBody } from './request.js';
import type { Route, RouteResult } from './route.js';

export interface AppOptions {
  runtime: Runtime | (() => Runtime);
}

interface LambdaEnv {
  event?: { requestContext?: { requestId?: string; authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
}

const FALLBACK_TYPE_BASE = 'https://geekcafe.dev/problems/';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const bootLogger = createLogger('error');

export const toHonoPath = (path: string): string => path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ':$1');
const pathRegex = (path: string): RegExp => new RegExp(`^${path.replace(/\{[A-Za-z][A-Za-z0-9]*\}/g, '[^/]+')}/?$`);

const requestIdOf = (c: Context): string => {
  const fromGateway = (c.env as LambdaEnv | undefined)?.event?.requestContext?.requestId;
  if (fromGateway !== undefined && REQUEST_ID.test(fromGateway)) return fromGateway;
  const fromClient = c.req.header(HEADERS.requestId);
  return fromClient !== undefined && REQUEST_ID.test(fromClient) ? fromClient : randomUUID();
};

const anonymous = (requestId: string): RequestContext => ({ userId: 'anonymous', roles: [], permissions: [], authMethod: 'jwt', requestId });

const render = (result: RouteResult): StoredResponse => {
  const contentType = result.contentType ?? 'application/json';
  const body = result.body === undefined ? '' : typeof result.body === 'string' && contentType !== 'application/json' ? result.body : JSON.stringify(result.body);
  return { status: result.status, headers: { ...(body === '' ? {} : { 'content-type': contentType }), ...result.headers }, body };
};

const renderProblem = (error: AppError, typeBase: string, instance: string, requestId: string): StoredResponse => ({
  status: error.status,
  headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...error.headers },
  body: JSON.stringify(problemOf(error, { typeBase, instance, requestId })),
});

const toResponse = (response: StoredResponse, requestId: string, extra: Record<string, string> = {}): Response =>
  new Response(response.status === 204 || response.status === 304 || response.body === '' ? null : response.body, {
    status: response.status,
    headers: { 'cache-control': 'no-store', ...response.headers, ...extra, [HEADERS.requestId]: requestId },
  });

const logError = (runtime: Runtime, error: AppError, requestId: string, ctx: RequestContext | undefined): void => {
  const cause = error.cause as { name?: string; message?: string; stack?: string } | undefined;
  const fields = {
    requestId,
    tenantId: ctx?.tenantId,
    code: error.code,
    status: error.status,
    detail: error.message,
    ...(cause === undefined ? {} : { cause: { name: cause.name, message: cause.message, ...(error.status >= 500 ? { stack: cause.stack } : {}) } }),
  };
  if (error.status >= 500) runtime.logger.error('request failed', fields);
  else runtime.logger.warn('request rejected', fields);
};

/** Resolves who is calling and what they may do, or throws 401/403. */
const callerOf = async (c: Context, runtime: Runtime, route: Route, requestId: string): Promise<RequestContext> => {
  const identity = await authenticate(runtime, { header: (name) => c.req.header(name), ...((c.env as LambdaEnv | undefined)?.event === undefined ? {} : { event: (c.env as LambdaEnv).event as never }) });
  const ctx = await resolveContext({ identity, tenantHeader: c.req.header(HEADERS.tenantId), requestId, directory: runtime.access });
  if (route.tenant === 'required' && ctx.tenantId === undefined) {
    throw new ForbiddenError(ERROR_CODES.tenantRequired, 'This route works inside a tenant; your credentials name none (platform admins: send X-Tenant-Id).');
  }
  requirePermission(ctx, route.permission as string);
  return ctx;
};

const handleRoute = async (c: Context, route: Route, runtime: Runtime): Promise<Response> => {
  const started = performance.now();
  const requestId = requestIdOf(c);
  const typeBase = runtime.config.problemTypeBase;
  let ctx: RequestContext | undefined;
  let response: StoredResponse;
  let replayed = false;
  try {
    assertBodySize(c, runtime.config.limits.maxBodyBytes);
    ctx = route.access === 'public' ? anonymous(requestId) : await callerOf(c, runtime, route, requestId);
    const caller = ctx;
    const params = parseParams(c, route);
    const query = parseQuery(c, route);
    const raw = await readJsonBody(c, route, runtime.config.limits.maxBodyBytes);
    const body = parseBody(route, raw);
    const ifMatch = parseIfMatch(c.req.header(HEADERS.ifMatch));
    const run = async (): Promise<StoredResponse> => {
      try {
        return render(await route.handler({ ctx: caller, params, query, body, runtime, ifMatch, header: (name) => c.req.header(name) }));
      } catch (error) {
        // A rule the request broke is its answer (and is replayed); a transient failure is not.
        if (isTransientFailure(error)) throw error;
        logError(runtime, error as AppError, requestId, caller);
        return renderProblem(error as AppError, typeBase, c.req.path, requestId);
      }
    };
    const key = route.idempotent ? c.req.header(HEADERS.idempotencyKey) : undefined;
    if (key === undefined) response = await run();
    else ({ response, replayed } = await runtime.idempotency.run(caller, validateIdempotencyKey(key), fingerprintOf(route.method, c.req.path, raw), run));
  } catch (thrown) {
    const error = toAppError(thrown);
    logError(runtime, error, requestId, ctx);
    response = renderProblem(error, typeBase, c.req.path, requestId);
  }
  runtime.logger.info('request', {
    requestId,
    tenantId: ctx?.tenantId,
    userId: ctx?.userId,
    method: route.method,
    route: route.path,
    status: response.status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    ...(replayed ? { replayed } : {}),
  });
  return toResponse(response, requestId, replayed ? { [HEADERS.idempotentReplayed]: 'true' } : {});
};

export const createApp = (routes: readonly Route[], options: AppOptions): Hono => {
  const getRuntime = typeof options.runtime === 'function' ? options.runtime : ((rt: Runtime) => () => rt)(options.runtime);
  const seen = new Set<string>();
  for (const route of routes) {
    const id = `${route.method} ${route.path}`;
    if (seen.has(id)) throw new InternalError(`Route ${id} is registered twice.`);
    seen.add(id);
  }
  const matchers = routes.map((route) => ({ method: route.method, regex: pathRegex(route.path) }));
  const app = new Hono();
  app.use('*', corsMiddleware(() => getRuntime().config));
  for (const route of routes) app.on(route.method, toHonoPath(route.path), (c) => handleRoute(c, route, getRuntime()));

  const problem = (c: Context, error: AppError): Response => {
    let runtime: Runtime | undefined;
    try {
      runtime = getRuntime();
    } catch {
      runtime = undefined;
    }
    const requestId = requestIdOf(c);
    if (runtime !== undefined && error.status >= 500) logError(runtime, error, requestId, undefined);
    if (runtime === undefined) bootLogger.error('runtime failed to start', { requestId, cause: String((error.cause as Error | undefined)?.message ?? error.message) });
    return toResponse(renderProblem(error, runtime?.config.problemTypeBase ?? FALLBACK_TYPE_BASE, c.req.path, requestId), requestId);
  };
  app.notFound((c) => {
    const allowed = matchers.filter((m) => m.regex.test(c.req.path)).map((m) => m.method);
    if (allowed.length > 0) return problem(c, new MethodNotAllowedError([...new Set(allowed)]));
    const notFound = new NotFoundError('Route');
    return problem(c, new AppError(404, ERROR_CODES.routeNotFound, `No route matches ${c.req.method} ${c.req.path}.`, { cause: notFound }));
  });
  app.onError((error, c) => problem(c, toAppError(error)));
  return app;
};
