/** Access-policy routes through the Lambda handler and the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../../routes.js';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../../test/support/world.js';

describe.each<TransportKind>(['lambda', 'local-server'])('access-policy routes via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    t = await createTestRuntime();
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `pol${kind}`);
    other = await createTenantFixture(t, `polo${kind}`);
  });
  afterAll(() => api.close());

  const put = (role: string, body: unknown, headers: Record<string, string> = {}, token = f.adminToken) =>
    api.request({ method: 'PUT', path: `/access-policies/${role}`, token, headers, body });

  it('GET /access-policies lists the built-in roles (with defaults) and the tenant\'s own', async () => {
    const res = await api.request({ method: 'GET', path: '/access-policies', token: f.adminToken });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const roles = res.body.items.map((p: { role: string }) => p.role);
    expect(roles.slice(0, 5)).toEqual(['platform_admin', 'tenant_admin', 'billing_admin', 'member', 'viewer']);
    expect(roles).toContain(f.customRole);
    expect(roles).not.toContain(other.customRole);
    const admin = res.body.items.find((p: { role: string }) => p.role === 'tenant_admin');
    expect(admin).toMatchObject({ builtIn: true, overridden: false, allow: ['*'], deny: expect.arrayContaining(['tenants:create', 'tenants:suspend']) });
    expect((await api.request({ method: 'GET', path: '/access-policies', token: f.memberToken })).body).toMatchObject({ code: 'permission_denied', missingPermission: 'access-policies:read' });
    expect((await api.request({ method: 'GET', path: '/access-policies' })).status).toBe(401);
  });

  it('PUT creates a custom role (201 + ETag), replaces it only with If-Match (428 without, 412 stale), and it takes effect at once', async () => {
    const created = await put('support', { allow: ['users:*', 'files:*'], deny: ['users:delete'], description: 'Helpdesk' });
    expect(created.status).toBe(201);
    expect(created.headers['etag']).toBe('"1"');
    expect(created.body).toMatchObject({ role: 'support', builtIn: false, allow: ['users:*', 'files:*'], assignedCount: 0 });
    expect(created.body.deny).toEqual(expect.arrayContaining(['users:delete', 'tenants:create']));
    expect((await put('support', { allow: ['users:read'] })).status).toBe(428);
    expect((await put('support', { allow: ['users:read'] }, { 'if-match': '"9"' })).status).toBe(412);
    // A person holding the role: allowed users:update, denied users:delete (deny wins), with reasons.
    const helper = await t.token({ userId: `helper-${kind}`, tenantId: f.tenant.id, roles: ['support'] });
    const check = await api.request({ method: 'POST', path: '/access-policies/check', token: helper, body: { permissions: ['users:update', 'users:delete', 'payments:refund'] } });
    expect(check.status).toBe(200);
    expect(check.body.decisions).toEqual([
      { permission: 'users:update', allowed: true, reason: 'allowed', matchedRule: { source: 'role:support', effect: 'allow', pattern: 'users:*' } },
      { permission: 'users:delete', allowed: false, reason: 'denied', matchedRule: { source: 'role:support', effect: 'deny', pattern: 'users:delete' } },
      { permission: 'payments:refund', allowed: false, reason: 'no_matching_rule', matchedRule: null },
    ]);
    const replaced = await put('support', { allow: ['users:read'] }, { 'if-match': '"1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.headers['etag']).toBe('"2"');
    const after = await api.request({ method: 'POST', path: '/access-policies/check', token: helper, body: { permissions: ['users:update'] } });
    expect(after.body.decisions[0].allowed).toBe(false);
    expect((await api.request({ method: 'GET', path: '/access-policies/support', token: f.adminToken })).headers['etag']).toBe('"2"');
  });

  it('bad input is a 400 with field paths; platform_admin is not the tenant\'s to change', async () => {
    const bad = await put('support2', { allow: ['users:read', 'NOT A PERMISSION'], deny: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.allow.1', 'body.deny', 'body.extra']);
    expect((await put('Bad Role', { allow: [] })).body.errors[0].path).toBe('path.role');
    expect((await put('platform_admin', { allow: [] })).body.code).toBe('role_not_grantable');
    expect((await put('x', { allow: [] }, {}, f.memberToken)).status).toBe(403);
  });

  it('built-in roles can be tightened, never widened; tenant_admin cannot be locked out', async () => {
    const widened = await put('member', { allow: ['users:read', 'users:delete'] });
    expect(widened.status).toBe(422);
    expect(widened.body).toMatchObject({ code: 'policy_widens_built_in', patterns: ['users:delete'] });
    const tightened = await put('viewer', { allow: ['tenants:read'] });
    expect(tightened.status).toBe(201);
    expect(tightened.body).toMatchObject({ builtIn: true, overridden: true, allow: ['tenants:read'] });
    const lockout = await put('tenant_admin', { allow: ['*'], deny: ['access-policies:*'] });
    expect(lockout.status).toBe(422);
    expect(lockout.body).toMatchObject({ code: 'admin_lockout', missing: ['access-policies:read', 'access-policies:update'] });
    const ok = await put('tenant_admin', { allow: ['*'], deny: ['payments:*'] });
    expect(ok.status).toBe(201);
    const refund = await api.request({ method: 'POST', path: '/access-policies/check', token: f.adminToken, body: { permissions: ['payments:refund', 'users:delete'] } });
    expect(refund.body.decisions.map((d: { allowed: boolean }) => d.allowed)).toEqual([false, true]);
    // Deleting an override restores the default.
    expect((await api.request({ method: 'DELETE', path: '/access-policies/tenant_admin', token: f.adminToken })).status).toBe(204);
    const restored = await api.request({ method: 'POST', path: '/access-policies/check', token: f.adminToken, body: { permissions: ['payments:refund'] } });
    expect(restored.body.decisions[0].allowed).toBe(true);
  });

  it('a custom role held by users cannot be deleted (409) until nobody holds it', async () => {
    await put('auditor', { allow: ['users:read'] });
    const user = await api.request({ method: 'POST', path: '/users', token: f.adminToken, body: { email: `aud-${kind}@example.com`, name: 'Aud', roles: ['auditor'] } });
    expect(user.status).toBe(201);
    expect((await api.request({ method: 'GET', path: '/access-policies/auditor', token: f.adminToken })).body.assignedCount).toBe(1);
    const busy = await api.request({ method: 'DELETE', path: '/access-policies/auditor', token: f.adminToken });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'role_in_use', assignedCount: 1 });
    await api.request({ method: 'PATCH', path: `/users/${user.body.id}`, token: f.adminToken, body: { roles: ['member'] } });
    expect((await api.request({ method: 'GET', path: '/access-policies/auditor', token: f.adminToken })).body.assignedCount).toBe(0);
    expect((await api.request({ method: 'DELETE', path: '/access-policies/auditor', token: f.adminToken })).status).toBe(204);
    expect((await api.request({ method: 'GET', path: '/access-policies/auditor', token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', path: '/access-policies/auditor', token: f.adminToken })).status).toBe(404);
    // A role that does not exist cannot be granted.
    const ghost = await api.request({ method: 'POST', path: '/users', token: f.adminToken, body: { email: `ghost-${kind}@example.com`, name: 'G', roles: ['ghost-role'] } });
    expect(ghost.status).toBe(422);
    expect(ghost.body.code).toBe('role_not_grantable');
  });

  it('a tenant may have at most 100 policies (422 too_many_roles)', async () => {
    const g = await createTenantFixture(t, `polmax${kind}`);
    const { auth } = await import('../../services/index.js');
    const { systemContext } = await import('../../../../core/context.js');
    const inG = systemContext({ tenantId: g.tenant.id });
    // The fixture made two (its custom role and "locked"); fill up to the limit.
    await Promise.all(Array.from({ length: 98 }, (_, i) => auth(t.runtime).policies.put(inG, `bulk-${i}`, { allow: ['users:read'], deny: [] }, undefined)));
    const full = await put('one-too-many', { allow: ['users:read'] }, {}, g.adminToken);
    expect(full.status).toBe(422);
    expect(full.body).toMatchObject({ code: 'too_many_roles', limit: 100 });
    const list = await api.request({ method: 'GET', path: '/access-policies', token: g.adminToken });
    expect(list.body.items).toHaveLength(5 + 100);
  });

  it('another tenant\'s role is not visible, and changing mine never touches theirs', async () => {
    expect((await api.request({ method: 'GET', path: `/access-policies/${other.customRole}`, token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'DELETE', path: `/access-policies/${other.customRole}`, token: f.adminToken })).status).toBe(404);
    const theirs = await api.request({ method: 'GET', path: `/access-policies/${other.customRole}`, token: other.adminToken });
    expect(theirs.body.version).toBe(1);
  });

  it('POST /access-policies/check works for anyone signed in, even without a tenant; 400 for bad permissions', async () => {
    const lonely = await t.token({ userId: `lonely-${kind}`, roles: [] });
    const res = await api.request({ method: 'POST', path: '/access-policies/check', token: lonely, body: { permissions: ['me:read', 'users:read'] } });
    expect(res.body.decisions.map((d: { allowed: boolean }) => d.allowed)).toEqual([true, false]);
    expect((await api.request({ method: 'POST', path: '/access-policies/check', token: lonely, body: { permissions: [] } })).status).toBe(400);
    expect((await api.request({ method: 'POST', path: '/access-policies/check', body: { permissions: ['x:y'] } })).status).toBe(401);
  });
});
