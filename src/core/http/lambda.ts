/**
 * Lambda handlers for API Gateway HTTP API (payload v2) events: the event is read straight into
 * the pipeline's request and the answer written straight back, with no web Request/Response in
 * between (that round trip measured 0.15 ms a request, more than the rest of the pipeline).
 * One route per function or a whole domain per function: the same pipeline either way.
 */
import { getDefaultRuntime, type Runtime } from '../runtime.js';
import type { ApiGatewayV2Event, ApiGatewayV2Result, LambdaHandler } from './apigw.js';
import { createRequestHandler } from './pipeline.js';
import type { HttpRequest } from './request.js';
import type { Route } from './route.js';

export interface LambdaHandlerOptions {
  /** Defaults to the process-wide runtime read from environment variables. */
  runtime?: Runtime | (() => Runtime);
}

const queryOf = (raw: string): Record<string, string> => {
  const query: Record<string, string> = {};
  if (raw !== '') for (const [key, value] of new URLSearchParams(raw)) query[key] = value;
  return query;
};

export const fromGatewayEvent = (event: ApiGatewayV2Event): HttpRequest => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: queryOf(event.rawQueryString ?? ''),
    headers,
    body: event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
    requestId: event.requestContext.requestId,
    claims: event.requestContext.authorizer?.jwt?.claims,
  };
};

export const createLambdaHandler = (routes: readonly Route[], options: LambdaHandlerOptions = {}): LambdaHandler => {
  const runtime = options.runtime ?? getDefaultRuntime;
  const handle = createRequestHandler(routes, typeof runtime === 'function' ? runtime : () => runtime);
  return async (event: ApiGatewayV2Event): Promise<ApiGatewayV2Result> => {
    const response = await handle(fromGatewayEvent(event));
    return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
  };
};
