/** The HTTP pipeline itself: routing errors, content rules, CORS, logs, request ids, auth modes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, gatewayEvent, lambdaTransport, type Transport } from '../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../test/support/world.js';
import { tenancyRoutes } from '../../domains/tenancy/routes/index.js';
import { createLogger } from '../logger.js';
import { createRuntime } from '../runtime.js';
import { createLambdaHandler } from './lambda.js';
import { healthRoute } from './health-route.js';

const lines: string[] = [];
let t: TestRuntime;
let api: Transport;
let f: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime({ env: { MAX_BODY_BYTES: '2048', CORS_ORIGINS: 'https://app.example' }, logger: createLogger('info', (line) => lines.push(line)) });
  api = await createTransport('lambda', [healthRoute, ...tenancyRoutes], t.runtime);
  f = await createTenantFixture(t, 'app');
});
afterAll(() => api.close());

describe('routing and content rules', () => {
  it('404 for an unknown route and 405 with Allow for a wrong method, as problem+json', async () => {
    const missing = await api.request({ method: 'GET', path: '/nowhere', token: f.adminToken });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('application/problem+json');
    expect(missing.body.code).toBe('route_not_found');
    const wrong = await api.request({ method: 'PUT', path: '/users/abc', token: f.adminToken, body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('GET, PATCH, DELETE');
    expect(wrong.body.code).toBe('method_not_allowed');
  });
  it('413 above the body limit, 415 for a body that is not JSON, 400 for broken JSON', async () => {
    const big = await api.request({ method: 'POST', path: '/users', token: f.adminToken, body: { email: 'a@b.co', name: 'x'.repeat(3000), roles: ['member'] } });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'payload_too_large', limit: 2048 });
    const text = await api.request({ method: 'POST', path: '/users', token: f.adminToken, headers: { 'content-type': 'text/plain' }, rawBody: 'hello' });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const broken = await api.request({ method: 'POST', path: '/users', token: f.adminToken, rawBody: '{"a":' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('invalid_json');
    expect(JSON.stringify(broken.body)).not.toMatch(/at .*\.ts|SyntaxError/);
  });
  it('every response carries a request id: API Gateway\'s when present', async () => {
    const handler = createLambdaHandler(tenancyRoutes, { runtime: t.runtime });
    const event = gatewayEvent({ method: 'GET', path: '/me', token: f.adminToken });
    const result = await handler(event);
    expect(result.headers?.['x-request-id']).toBe(event.requestContext.requestId);
    expect(result.headers?.['cache-control']).toBe('no-store');
  });
});

describe('CORS', () => {
  it('answers preflights for allowed origins and exposes headers on responses', async () => {
    const pre = await api.request({ method: 'OPTIONS', path: '/users', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(pre.headers['access-control-allow-headers']).toContain('idempotency-key');
    const res = await api.request({ method: 'GET', path: '/me', token: f.adminToken, headers: { origin: 'https://app.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(res.headers['access-control-expose-headers']).toContain('etag');
    const other = await api.request({ method: 'OPTIONS', path: '/users', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('logs', () => {
  it('one JSON line per request with id, tenant, route, status and duration; never a token', async () => {
    lines.length = 0;
    const res = await api.request({ method: 'GET', path: `/users/${f.memberId}`, token: f.adminToken });
    await api.request({ method: 'GET', path: '/users/nobody-here', token: f.adminToken });
    const badKey = `gcsk_${'A'.repeat(49)}`;
    expect((await api.request({ method: 'GET', path: '/me', headers: { 'x-api-key': badKey } })).status).toBe(401);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const request = entries.find((e) => e['message'] === 'request' && e['status'] === 200);
    expect(request).toMatchObject({ level: 'info', requestId: res.headers['x-request-id'], tenantId: f.tenant.id, method: 'GET', route: '/users/{userId}', status: 200, durationMs: expect.any(Number) });
    const rejected = entries.find((e) => e['message'] === 'request rejected');
    expect(rejected).toMatchObject({ level: 'warn', code: 'not_found', status: 404 });
    for (const line of lines) {
      expect(line).not.toContain(f.adminToken.slice(-20));
      expect(line).not.toContain(badKey);
    }
  });
});

describe('authentication', () => {
  it('refuses tokens from another issuer key, expired tokens and a tenant that does not exist', async () => {
    const { loadLocalIssuer } = await import('../../local/issuer.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const stranger = await loadLocalIssuer(mkdtempSync(`${tmpdir()}/stranger-`));
    const forged = await stranger.sign({ userId: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'] });
    const res = await api.request({ method: 'GET', path: '/me', token: forged });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
    const expired = await t.issuer.sign({ userId: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'], ttlSeconds: -120 });
    const old = await api.request({ method: 'GET', path: '/me', token: expired });
    expect(old.status).toBe(401);
    expect(old.body.detail).toBe('The token has expired.');
    const ghost = await t.token({ userId: 'u', tenantId: 'NO-SUCH-TENANT', roles: ['tenant_admin'] });
    expect((await api.request({ method: 'GET', path: '/me', token: ghost })).status).toBe(403);
    const basic = await api.request({ method: 'GET', path: '/me', headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });

  it('behind an API Gateway JWT authorizer, uses the verified claims from the event', async () => {
    const runtime = createRuntime({ config: { ...t.config, auth: { ...t.config.auth, mode: 'apigateway' } }, client: t.table.client });
    const handler = createLambdaHandler(tenancyRoutes, { runtime });
    const event = gatewayEvent({ method: 'GET', path: '/me' });
    event.requestContext.authorizer = { jwt: { claims: { sub: f.adminId, 'custom:tenant_id': f.tenant.id, 'cognito:groups': '[tenant_admin]', email: 'a@b.co' } } };
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ userId: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'] });
    const bare = await lambdaTransport(handler).request({ method: 'GET', path: '/me', token: f.adminToken });
    expect(bare.status).toBe(401);
  });
});
