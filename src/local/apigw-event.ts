/**
 * Turns a Node HTTP request into the API Gateway HTTP API (payload 2.0) event AWS would send,
 * and a handler's result back into the HTTP response: the local server runs the very same
 * Lambda handlers as production, through the very same event shape.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiGatewayV2Event, ApiGatewayV2Result } from '../core/http/apigw.js';

const TEXT_TYPE = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded)|application\/javascript)/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
/** API Gateway's requestContext.time format: 24/Nov/2026:09:30:00 +0000. */
export const gatewayTime = (d: Date): string =>
  `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;

export interface GatewayRequest {
  method: string;
  /** Path with its query string, e.g. `/users?limit=5`. */
  url: string;
  /** Lower-case header names; multi-valued headers already joined with commas. */
  headers: Record<string, string>;
  body?: Buffer | undefined;
  sourceIp?: string | undefined;
  protocol?: string | undefined;
  requestId?: string | undefined;
  now?: Date | undefined;
}

/** The API Gateway HTTP API (payload 2.0) event for a request: used by the local server, the tests and the benchmarks. */
export const buildGatewayEvent = (req: GatewayRequest): ApiGatewayV2Event => {
  const url = new URL(req.url, 'http://localhost');
  const now = req.now ?? new Date();
  const body = req.body ?? Buffer.alloc(0);
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    // API Gateway moves cookies out of the headers into their own list.
    if (name === 'cookie') cookies = value.split(/;\s*/).filter((c) => c !== '');
    else headers[name] = value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const text = body.length === 0 || TEXT_TYPE.test(headers['content-type'] ?? 'application/json');
  const host = headers['host'] ?? 'localhost';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies === undefined ? {} : { cookies }),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: { method: req.method, path: url.pathname, protocol: req.protocol ?? 'HTTP/1.1', sourceIp: req.sourceIp ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: req.requestId ?? randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(body.length === 0 ? {} : { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !text,
  };
};

export const toGatewayEvent = (req: IncomingMessage, body: Buffer, now = new Date()): ApiGatewayV2Event => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ',') : value;
  }
  return buildGatewayEvent({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body, sourceIp: req.socket.remoteAddress, protocol: `HTTP/${req.httpVersion}`, now });
};

export const writeGatewayResult = (res: ServerResponse, result: ApiGatewayV2Result): void => {
  const headers: Record<string, string | string[]> = { ...(result.headers ?? {}) };
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) headers[name] = values;
  if (result.cookies !== undefined && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded === true ? 'base64' : 'utf8');
  if (body !== undefined) headers['content-length'] = String(body.length);
  res.writeHead(result.statusCode, headers);
  res.end(body);
};
