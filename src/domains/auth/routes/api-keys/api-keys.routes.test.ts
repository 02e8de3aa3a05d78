/** API-key routes, and requests made with API keys, through the Lambda handler and the local server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../core/clock.js';
import { verifyApiKey } from '../../../../core/auth/api-key-auth.js';
import { createRuntime } from '../../../../core/runtime.js';
import { apiRoutes } from '../../../../routes.js';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../../test/support/world.js';

describe.each<TransportKind>(['lambda', 'local-server'])('API keys via %s', (kind) => {
  const clock = fixedClock(new Date());
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    t = await createTestRuntime({ clock });
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `key${kind}`);
    other = await createTenantFixture(t, `keyo${kind}`);
  });
  afterAll(() => api.close());

  const create = (body: Record<string, unknown>, token = f.adminToken) => api.request({ method: 'POST', path: '/api-keys', token, body });
  const withKey = (key: string, method = 'GET', path = '/users', body?: unknown) =>
    api.request({ method, path, headers: { 'x-api-key': key }, ...(body === undefined ? {} : { body }) });

  it('creates a key shown once (gcsk_ + 43 + checksum); the record never shows it again', async () => {
    const res = await create({ name: ' CI deploy ', scopes: ['users:read', 'users:read'] });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^gcsk_[A-Za-z0-9_-]{49}$/);
    expect(res.body.apiKey).toMatchObject({ name: 'CI deploy', scopes: ['users:read'], status: 'active', displayPrefix: res.body.key.slice(0, 13), createdBy: f.adminId });
    expect(res.body.apiKey.keyHash).toBeUndefined();
    const read = await api.request({ method: 'GET', path: `/api-keys/${res.body.apiKey.id}`, token: f.adminToken });
    expect(read.body).toEqual(res.body.apiKey);
    expect(read.text).not.toContain(res.body.key.slice(13));
  });

  it('a key authenticates as its tenant with exactly its scopes (403 insufficient_scope beyond them)', async () => {
    const { key } = (await create({ name: 'reader', scopes: ['users:read'] })).body;
    const users = await withKey(key);
    expect(users.status).toBe(200);
    expect(users.body.items.every((u: { tenantId: string }) => u.tenantId === f.tenant.id)).toBe(true);
    const write = await withKey(key, 'POST', '/users', { email: `k-${kind}@example.com`, name: 'K', roles: ['member'] });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ code: 'insufficient_scope', reason: 'insufficient_scope', missingPermission: 'users:create' });
    expect((await withKey(key, 'GET', '/me')).body.code).toBe('insufficient_scope');
    expect((await withKey(key, 'GET', `/users/${other.memberId}`)).status).toBe(404);
    const verdict = await verifyApiKey(t.runtime, key, { permission: 'users:delete' });
    expect(verdict.reason).toBe('insufficient_scope');
    expect((await verifyApiKey(t.runtime, key, { permission: 'users:read' })).reason).toBe('valid');
  });

  it('scopes must be within the creator\'s own permissions (403), and inputs are checked (400)', async () => {
    await api.request({ method: 'PUT', path: '/access-policies/integrator', token: f.adminToken, body: { allow: ['api-keys:create', 'users:*'], deny: ['users:delete'] } });
    const integrator = await t.token({ userId: `integrator-${kind}`, tenantId: f.tenant.id, roles: ['integrator'] });
    const escalate = await create({ name: 'x', scopes: ['users:read', 'tenants:update'] }, integrator);
    expect(escalate.status).toBe(403);
    expect(escalate.body).toMatchObject({ code: 'scope_not_held', scopes: ['tenants:update'] });
    expect((await create({ name: 'x', scopes: ['users:*'] }, integrator)).body.scopes).toEqual(['users:*']);
    expect((await create({ name: 'x', scopes: ['users:read'] }, integrator)).status).toBe(201);
    expect((await create({ name: 'x', scopes: ['users:read'] }, f.memberToken)).body.code).toBe('permission_denied');
    const bad = await create({ name: '', scopes: ['not a scope'], rateLimit: { limit: 0, windowSeconds: 60 }, expiresAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.expiresAt', 'body.name', 'body.rateLimit.limit', 'body.scopes.0']);
    const past = await create({ name: 'x', scopes: ['users:read'], expiresAt: new Date(clock.now().getTime() - 1000).toISOString() });
    expect(past.body.errors[0]).toMatchObject({ path: 'body.expiresAt', message: 'must be in the future' });
  });

  it('a tenant\'s key never holds platform permissions, even when a platform admin makes it', async () => {
    const platform = await t.token({ userId: 'root', roles: ['platform_admin'] });
    const asPlatform = { token: platform, headers: { 'x-tenant-id': f.tenant.id } };
    const refused = await api.request({ method: 'POST', path: '/api-keys', ...asPlatform, body: { name: 'ops', scopes: ['tenants:list'] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'scope_not_held', scopes: ['tenants:list'] });
    const wide = await api.request({ method: 'POST', path: '/api-keys', ...asPlatform, body: { name: 'ops', scopes: ['*'] } });
    expect(wide.status).toBe(201);
    const list = await withKey(wide.body.key, 'GET', '/tenants');
    expect(list.status).toBe(403);
    expect(list.body).toMatchObject({ code: 'insufficient_scope', missingPermission: 'tenants:list' });
    expect((await withKey(wide.body.key, 'GET', '/users')).status).toBe(200);
  });

  it('verification reasons: not_found (malformed, bad checksum, unknown), revoked, expired: each a 401 with its reason', async () => {
    const { key, apiKey } = (await create({ name: 'short-lived', scopes: ['users:read'], expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString() })).body;
    const reason = async (k: string) => (await withKey(k)).body.reason as string;
    expect(await reason('not-a-key')).toBe('not_found');
    expect(await reason(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBe('not_found');
    const malformed = await withKey('gcsk_nope');
    expect(malformed.status).toBe(401);
    expect(malformed.body.code).toBe('invalid_api_key');
    const { key: revokedKey, apiKey: revokedRecord } = (await create({ name: 'gone', scopes: ['users:read'] })).body;
    const revoked = await api.request({ method: 'POST', path: `/api-keys/${revokedRecord.id}/revoke`, token: f.adminToken });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(await reason(revokedKey)).toBe('revoked');
    expect((await withKey(key)).status).toBe(200);
    clock.advance(3_600_001);
    expect(await reason(key)).toBe('expired');
    expect((await api.request({ method: 'GET', path: `/api-keys/${apiKey.id}`, token: f.adminToken })).body.status).toBe('expired');
  });

  it('rate limit: 10 per minute, 30 concurrent requests → exactly 10 pass, 20 are 429 with Retry-After', async () => {
    const { key } = (await create({ name: 'limited', scopes: ['users:read'], rateLimit: { limit: 10, windowSeconds: 60 } })).body;
    const results = await Promise.all(Array.from({ length: 30 }, () => withKey(key)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(20);
    for (const r of limited) {
      expect(r.body).toMatchObject({ code: 'rate_limited', reason: 'rate_limited' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    clock.advance(60_000);
    expect((await withKey(key)).status).toBe(200);
  });

  it('rotate: the new key works at once, the old one until the grace period ends', async () => {
    const { key: oldKey, apiKey } = (await create({ name: 'rotating', scopes: ['users:read'] })).body;
    const rotated = await api.request({ method: 'POST', path: `/api-keys/${apiKey.id}/rotate`, token: f.adminToken, body: { graceSeconds: 600 } });
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).not.toBe(oldKey);
    expect(rotated.body.apiKey).toMatchObject({ name: 'rotating', scopes: ['users:read'], rotatedFromId: apiKey.id, status: 'active' });
    expect(rotated.body.previous).toMatchObject({ id: apiKey.id, rotatedToId: rotated.body.apiKey.id, status: 'active' });
    expect((await withKey(rotated.body.key)).status).toBe(200);
    expect((await withKey(oldKey)).status).toBe(200);
    clock.advance(601_000);
    expect((await withKey(oldKey)).body.reason).toBe('expired');
    expect((await withKey(rotated.body.key)).status).toBe(200);
    const twice = await api.request({ method: 'POST', path: `/api-keys/${apiKey.id}/rotate`, token: f.adminToken, body: {} });
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('invalid_transition');
  });

  it('last used is written at most once a minute per key, across processes too', async () => {
    const { key, apiKey } = (await create({ name: 'busy', scopes: ['users:read'] })).body;
    const lastUsed = async () => (await api.request({ method: 'GET', path: `/api-keys/${apiKey.id}`, token: f.adminToken })).body.lastUsedAt as string | undefined;
    expect(await lastUsed()).toBeUndefined();
    await withKey(key);
    const first = await lastUsed();
    expect(first).toBe(clock.now().toISOString());
    clock.advance(20_000);
    await withKey(key);
    // Another process (its own caches) within the minute does not write either.
    const elsewhere = createRuntime({ config: t.config, client: t.table.client, clock });
    expect((await verifyApiKey(elsewhere, key)).reason).toBe('valid');
    expect(await lastUsed()).toBe(first);
    clock.advance(41_000);
    await withKey(key);
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it('lists newest first by status, and another tenant\'s key is 404 on every route', async () => {
    const list = await api.request({ method: 'GET', path: '/api-keys?status=revoked&limit=100', token: f.adminToken });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((k: { status: string }) => k.status === 'revoked')).toBe(true);
    const all = await api.request({ method: 'GET', path: '/api-keys?limit=2', token: f.adminToken });
    expect(all.body.items[0].id > all.body.items[1].id).toBe(true);
    for (const path of [`/api-keys/${other.apiKeyId}`]) expect((await api.request({ method: 'GET', path, token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'POST', path: `/api-keys/${other.apiKeyId}/revoke`, token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'POST', path: `/api-keys/${other.apiKeyId}/rotate`, token: f.adminToken, body: {} })).status).toBe(404);
    expect((await withKey(other.apiKey)).body.items.every((u: { tenantId: string }) => u.tenantId === other.tenant.id)).toBe(true);
  });

  it('a suspended tenant\'s keys are refused with tenant_suspended', async () => {
    const g = await createTenantFixture(t, `keys${kind}`);
    const platform = await t.token({ userId: 'root', roles: ['platform_admin'] });
    await api.request({ method: 'POST', path: `/tenants/${g.tenant.id}/suspend`, token: platform, body: { reason: 'test' } });
    const res = await withKey(g.apiKey);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('tenant_suspended');
  });
});
