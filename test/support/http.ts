/**
 * Two ways to call the API with the same request shape: straight into the Lambda handler with a
 * real API Gateway v2 event, or over HTTP to the local server (which builds that event itself).
 * Route tests run against both, so they prove one code path.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiGatewayV2Event, LambdaHandler } from '../../src/core/http/apigw.js';
import { createLambdaHandler } from '../../src/core/http/lambda.js';
import type { Route } from '../../src/core/http/route.js';
import type { Runtime } from '../../src/core/runtime.js';
import { buildGatewayEvent } from '../../src/local/apigw-event.js';
import { createLocalServer, listen } from '../../src/local/server.js';

export interface ApiRequest {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is (no JSON encoding), for malformed-body tests. */
  rawBody?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export interface Transport {
  name: string;
  request(req: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

const headersOf = (req: ApiRequest): Record<string, string> => {
  const headers: Record<string, string> = { ...(req.token === undefined ? {} : { authorization: `Bearer ${req.token}` }) };
  if (req.body !== undefined || req.rawBody !== undefined) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
};

const bodyOf = (req: ApiRequest): string | undefined => req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));

const parse = (status: number, headers: Record<string, string>, text: string): ApiResponse => {
  let body: unknown = text;
  if (/json/.test(headers['content-type'] ?? '') && text !== '') body = JSON.parse(text);
  return { status, headers, text, body };
};

/** The API Gateway HTTP API v2 event for a request, exactly as AWS shapes it. */
export const gatewayEvent = (req: ApiRequest): ApiGatewayV2Event => {
  const body = bodyOf(req);
  return buildGatewayEvent({
    method: req.method,
    url: req.path,
    headers: { host: 'api.example.com', 'user-agent': 'vitest', ...headersOf(req) },
    body: body === undefined ? undefined : Buffer.from(body),
    sourceIp: '203.0.113.10',
  });
};

export const lambdaTransport = (handler: LambdaHandler): Transport => ({
  name: 'lambda',
  async request(req) {
    const result = await handler(gatewayEvent(req));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const text = result.body === undefined ? '' : result.isBase64Encoded === true ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
    return parse(result.statusCode, headers, text);
  },
  close: async () => undefined,
});

export const serverTransport = async (handler: LambdaHandler): Promise<Transport> => {
  const server: Server = createLocalServer({ handler, port: 0 });
  await listen(server, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    name: 'local-server',
    async request(req) {
      const body = bodyOf(req);
      const res = await fetch(`${base}${req.path}`, { method: req.method, headers: headersOf(req), ...(body === undefined ? {} : { body }) });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name] = value));
      return parse(res.status, headers, await res.text());
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
};

export type TransportKind = 'lambda' | 'local-server';

export const createTransport = async (kind: TransportKind, routes: readonly Route[], runtime: Runtime): Promise<Transport> => {
  const handler = createLambdaHandler(routes, { runtime });
  return kind === 'lambda' ? lambdaTransport(handler) : serverTransport(handler);
};
