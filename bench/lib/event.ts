/**
 * API Gateway HTTP API (payload 2.0) events as AWS delivers them to a Lambda behind a `$default`
 * route: lower-cased headers (including the forwarding headers the gateway adds), the raw path and
 * query string, and a full requestContext. The handler under test parses exactly this shape in
 * production, so the benchmark must not hand it a simplified one.
 */
import { randomBytes } from 'node:crypto';
import type { ApiGatewayV2Event } from '../../src/core/http/apigw.js';
import { buildGatewayEvent } from '../../src/local/apigw-event.js';

const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.us-east-1.amazonaws.com`;

export interface EventInput {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  query?: Record<string, string>;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`: 10 random bytes, base64. */
const gatewayRequestId = (): string => randomBytes(10).toString('base64');

export const gatewayEvent = (input: EventInput, now = new Date()): ApiGatewayV2Event => {
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  const rawQueryString = new URLSearchParams(input.query ?? {}).toString();
  const traceId = `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    authorization: `Bearer ${input.token}`,
    host: DOMAIN,
    'user-agent': 'geek-cafe-bench/1.0',
    'x-amzn-trace-id': traceId,
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
    ...input.headers,
  };
  const event = buildGatewayEvent({
    method: input.method,
    url: rawQueryString === '' ? input.path : `${input.path}?${rawQueryString}`,
    headers,
    body: body === undefined ? undefined : Buffer.from(body),
    sourceIp: '203.0.113.10',
    requestId: gatewayRequestId(),
    now,
  });
  return { ...event, requestContext: { ...event.requestContext, accountId: '123456789012', apiId: API_ID, domainPrefix: API_ID } };
};

/** The Lambda context object (only identity fields; the handler never calls its methods). */
export const lambdaContext = (functionName: string): Record<string, unknown> => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId: randomBytes(16).toString('hex'),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/01/01/[$LATEST]bench',
});
