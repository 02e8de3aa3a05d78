/**
 * The request pipeline, shared by every transport. Each request passes the same steps:
 * CORS preflight → routing (404/405) → body limit → authentication → tenant and membership
 * gate → permission → input validation → idempotency → handler; and leaves as JSON or
 * problem+json with a request id, CORS headers and one log line.
 */
import { randomUUID } from 'node:crypto';
import { requirePermission } from '../access/policies.js';
import { resolveContext } from '../access/resolve-context.js';
import { authenticate } from '../auth/authenticate.js';
import { ERROR_CODES, HEADERS } from '../constants.js';
import type { RequestContext } from '../context.js';
import { AppError, ForbiddenError, MethodNotAllowedError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import { corsHeaders, preflightResponse } from './cors.js';
import { fingerprintOf, isTransientFailure, validateIdempotencyKey, type StoredResponse } from './idempotency.js';
import { PROBLEM_CONTENT_TYPE, problemOf, toAppError } from './problem.js';
import { assertBodySize, parseBody, parseIfMatch, parseParams, parseQuery, readJsonBody, type HttpRequest } from './request.js';
import type { Route, RouteResult } from './route.js';
import { createRouter } from './router.js';

export type RequestHandler = (req: HttpRequest) => Promise<StoredResponse>;

const FALLBACK_TYPE_BASE = 'https://geekcafe.dev/problems/';
const REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;
const bootLogger = createLogger('error');

const requestIdOf = (req: HttpRequest): string => {
  if (req.requestId !== undefined && REQUEST_ID.test(req.requestId)) return req.requestId;
  const fromClient = req.headers[HEADERS.requestId];
  return fromClient !== undefined && REQUEST_ID.test(fromClient) ? fromClient : randomUUID();
};

const anonymous = (requestId: string): RequestContext => ({ userId: 'anonymous', roles: [], permissions: [], grants: [], authMethod: 'anonymous', requestId });

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

/** Who is calling and what they may do, or a 401/403. */
const callerOf = async (req: HttpRequest, runtime: Runtime, route: Route, requestId: string): Promise<RequestContext> => {
  const authenticated = await authenticate(runtime, { header: (name) => req.headers[name], ...(req.claims === undefined ? {} : { claims: req.claims }) });
  const ignoreTenant = route.tenant === 'ignored';
  const identity = ignoreTenant ? { ...authenticated, tenantId: undefined } : authenticated;
  const ctx = await resolveContext({ identity, tenantHeader: ignoreTenant ? undefined : req.headers[HEADERS.tenantId], requestId, directory: runtime.access });
  if (route.tenant === 'required' && ctx.tenantId === undefined) {
    throw new ForbiddenError(ERROR_CODES.tenantRequired, 'This route works inside a tenant; your credentials name none (platform admins: send X-Tenant-Id).');
  }
  requirePermission(ctx, route.permission as string);
  return ctx;
};

const runRoute = async (req: HttpRequest, route: Route, pathParams: Record<string, string>, runtime: Runtime, requestId: string): Promise<StoredResponse> => {
  const started = performance.now();
  const typeBase = runtime.config.problemTypeBase;
  let ctx: RequestContext | undefined;
  let response: StoredResponse;
  let replayed = false;
  try {
    assertBodySize(req, runtime.config.limits.maxBodyBytes);
    ctx = route.access === 'public' ? anonymous(requestId) : await callerOf(req, runtime, route, requestId);
    const caller = ctx;
    const params = parseParams(route, pathParams);
    const query = parseQuery(route, req.query);
    const raw = readJsonBody(req, route);
    const body = parseBody(route, raw);
    // Preconditions apply to changes; a GET ignores If-Match rather than failing on it.
    const ifMatch = route.method === 'GET' ? undefined : parseIfMatch(req.headers[HEADERS.ifMatch]);
    const run = async (): Promise<StoredResponse> => {
      try {
        return render(await route.handler({ ctx: caller, params, query, body, runtime, ifMatch, rawBody: req.body, header: (name) => req.headers[name.toLowerCase()] }));
      } catch (error) {
        // A rule the request broke is its answer (and is replayed); a transient failure is not.
        if (isTransientFailure(error)) throw error;
        logError(runtime, error as AppError, requestId, caller);
        return renderProblem(error as AppError, typeBase, req.path, requestId);
      }
    };
    const key = route.idempotent ? req.headers[HEADERS.idempotencyKey] : undefined;
    if (key === undefined) response = await run();
    else ({ response, replayed } = await runtime.idempotency.run(caller, validateIdempotencyKey(key), fingerprintOf(route.method, req.path, raw), run));
  } catch (thrown) {
    const error = toAppError(thrown);
    logError(runtime, error, requestId, ctx);
    response = renderProblem(error, typeBase, req.path, requestId);
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
  return replayed ? { ...response, headers: { ...response.headers, [HEADERS.idempotentReplayed]: 'true' } } : response;
};

const finish = (response: StoredResponse, requestId: string, cors: Record<string, string>): StoredResponse => ({
  status: response.status,
  body: response.body,
  headers: { 'cache-control': 'no-store', ...response.headers, ...cors, [HEADERS.requestId]: requestId },
});

/** A transport-neutral handler over a set of routes; the runtime is resolved on first use. */
export const createRequestHandler = (routes: readonly Route[], getRuntime: () => Runtime): RequestHandler => {
  const router = createRouter(routes);
  return async (req) => {
    const requestId = requestIdOf(req);
    let runtime: Runtime;
    try {
      runtime = getRuntime();
    } catch (error) {
      // A configuration mistake: the caller gets a plain 500, the log says what is wrong.
      bootLogger.error('runtime failed to start', { requestId, cause: (error as Error).message });
      return finish(renderProblem(toAppError(error), FALLBACK_TYPE_BASE, req.path, requestId), requestId, {});
    }
    const { cors } = runtime.config;
    const preflight = preflightResponse(cors, req.method, req.headers);
    if (preflight !== undefined) return finish(preflight, requestId, {});
    const extra = corsHeaders(cors, req.headers);
    const found = router.match(req.method, req.path);
    if (found.kind === 'found') return finish(await runRoute(req, found.route, found.params, runtime, requestId), requestId, extra);
    const error = found.kind === 'method-not-allowed'
      ? new MethodNotAllowedError(found.allowed)
      : new AppError(404, ERROR_CODES.routeNotFound, `No route matches ${req.method} ${req.path}.`);
    logError(runtime, error, requestId, undefined);
    return finish(renderProblem(error, runtime.config.problemTypeBase, req.path, requestId), requestId, extra);
  };
};
