import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { gatewayTime, toGatewayEvent, writeGatewayResult } from './apigw-event.js';

const request = (init: { method: string; url: string; headers: Record<string, string | string[]> }): IncomingMessage =>
  Object.assign(new PassThrough(), { ...init, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('local HTTP → API Gateway v2 event', () => {
  it('builds the payload 2.0 shape: raw path and query, joined query values, cookies apart, text body as is', () => {
    const now = new Date('2026-11-24T09:05:07.000Z');
    const event = toGatewayEvent(request({ method: 'POST', url: '/users?role=a&role=b&limit=5', headers: { host: 'localhost:3000', cookie: 'a=1; b=2', 'content-type': 'application/json', 'user-agent': 'curl' } }), Buffer.from('{"x":1}'), now);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/users',
      rawQueryString: 'role=a&role=b&limit=5',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { role: 'a,b', limit: '5' },
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/users', sourceIp: '127.0.0.1', userAgent: 'curl' }, stage: '$default', time: '24/Nov/2026:09:05:07 +0000', timeEpoch: now.getTime() },
    });
    expect(event.headers['cookie']).toBeUndefined();
    expect(gatewayTime(now)).toBe('24/Nov/2026:09:05:07 +0000');
  });
  it('base64-encodes binary bodies and omits empty ones', () => {
    const binary = toGatewayEvent(request({ method: 'PUT', url: '/x', headers: { 'content-type': 'application/octet-stream' } }), Buffer.from([0, 1, 2]));
    expect(binary).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
    const empty = toGatewayEvent(request({ method: 'GET', url: '/x', headers: {} }), Buffer.alloc(0));
    expect(empty.body).toBeUndefined();
  });
  it('writes a result back: status, headers, cookies and a decoded body', () => {
    const written: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
    const res = { writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(written, { status, headers }), end: (body?: Buffer) => Object.assign(written, { body }) } as unknown as ServerResponse;
    writeGatewayResult(res, { statusCode: 201, headers: { etag: '"1"' }, cookies: ['s=1'], body: Buffer.from('hi').toString('base64'), isBase64Encoded: true });
    expect(written).toMatchObject({ status: 201, headers: { etag: '"1"', 'set-cookie': ['s=1'], 'content-length': '2' } });
    expect(written.body?.toString()).toBe('hi');
  });
});
