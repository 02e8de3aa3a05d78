/** Every user route and GET /me, through the Lambda handler and through the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, createWorld, type World } from '../../../../../test/support/world.js';
import { tenancyRoutes } from '../index.js';

describe.each<TransportKind>(['lambda', 'local-server'])('user routes via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let w: World;
  let n = 0;
  const email = () => `person${++n}-${kind}@example.com`;

  beforeAll(async () => {
    t = await createTestRuntime();
    api = await createTransport(kind, tenancyRoutes, t.runtime);
    w = await createWorld(t);
  });
  afterAll(() => api.close());

  const addUser = async (token: string, body: Record<string, unknown> = {}) =>
    api.request({ method: 'POST', path: '/users', token, body: { email: email(), name: 'Pat', roles: ['member'], ...body } });

  describe('GET /me', () => {
    it('answers who the caller is; the first visit activates an invited membership', async () => {
      const f = await createTenantFixture(t, `me${kind}`);
      const res = await api.request({ method: 'GET', path: '/me', token: f.adminToken });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'], authMethod: 'jwt' });
      expect(res.body.permissions).toContain('*');
      expect(res.body.user).toMatchObject({ id: f.adminId, status: 'active', lastSeenAt: expect.any(String), activatedAt: expect.any(String) });
      const lonely = await t.token({ userId: 'no-tenant-yet', roles: [], email: 'New@Example.com' });
      // A person with no tenant and no role may still read who they are, and nothing else.
      const alone = await api.request({ method: 'GET', path: '/me', token: lonely });
      expect(alone.status).toBe(200);
      expect(alone.body).toEqual({ userId: 'no-tenant-yet', email: 'new@example.com', tenantId: null, roles: [], permissions: ['me:read', 'access-policies:check', 'invitations:accept', 'flags:evaluate'], authMethod: 'jwt', user: null });
      expect((await api.request({ method: 'GET', path: '/users', token: lonely })).body.code).toBe('tenant_required');
      expect((await api.request({ method: 'GET', path: '/me' })).status).toBe(401);
      const bad = await api.request({ method: 'GET', path: '/me', token: 'not.a.jwt' });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('invalid_token');
      expect(bad.headers['www-authenticate']).toBe('Bearer');
    });
    it('uses the membership\'s roles inside the tenant, not the token\'s', async () => {
      const f = await createTenantFixture(t, `roles${kind}`);
      const claimsAdmin = await t.token({ userId: f.memberId, tenantId: f.tenant.id, roles: ['tenant_admin'] });
      const res = await api.request({ method: 'GET', path: '/me', token: claimsAdmin });
      expect(res.body.roles).toEqual(['member']);
      expect((await addUser(claimsAdmin)).status).toBe(403);
    });
  });

  describe('POST /users', () => {
    it('creates a membership (201, ETag, Location), lower-cases the email, and refuses a duplicate email (409)', async () => {
      const res = await addUser(w.a.adminToken, { email: 'Grace.Hopper@Example.COM', name: 'Grace', roles: ['member', 'tenant_admin'] });
      expect(res.status).toBe(201);
      expect(res.headers['etag']).toBe('"1"');
      expect(res.headers['location']).toBe(`/users/${res.body.id}`);
      expect(res.body).toMatchObject({ tenantId: w.a.tenant.id, email: 'grace.hopper@example.com', status: 'invited', createdBy: w.a.adminId });
      const dup = await addUser(w.a.adminToken, { email: 'grace.hopper@example.com' });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'unique_violation', fields: ['body.email'] });
      // Emails are unique per tenant, not platform-wide.
      expect((await addUser(w.b.adminToken, { email: 'grace.hopper@example.com' })).status).toBe(201);
    });
    it('400 with field paths, 401, 403, 422 for a role that cannot be granted, 409 for an existing id', async () => {
      const bad = await api.request({ method: 'POST', path: '/users', token: w.a.adminToken, body: { email: 'nope', roles: 'member' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.name', 'body.roles']);
      expect((await api.request({ method: 'POST', path: '/users', token: w.a.adminToken, rawBody: '{"email":' })).body.code).toBe('invalid_json');
      expect((await addUser(w.a.memberToken)).status).toBe(403);
      expect((await api.request({ method: 'POST', path: '/users', body: { email: email(), name: 'x', roles: ['member'] } })).status).toBe(401);
      const admin = await addUser(w.a.adminToken, { roles: ['platform_admin'] });
      expect(admin.status).toBe(422);
      expect(admin.body).toMatchObject({ code: 'role_not_grantable', roles: ['platform_admin'] });
      expect((await addUser(w.a.adminToken, { id: w.a.memberId })).body.code).toBe('already_exists');
      // Identity-provider subjects may hold characters that must be escaped in a URL.
      const oidc = await addUser(w.a.adminToken, { id: `auth0|${kind}` });
      expect(oidc.headers['location']).toBe(`/users/auth0%7C${kind}`);
      expect((await api.request({ method: 'GET', path: oidc.headers['location'] as string, token: w.a.adminToken })).body.id).toBe(`auth0|${kind}`);
      // A platform admin acts in a tenant with X-Tenant-Id.
      const viaHeader = await api.request({ method: 'POST', path: '/users', token: w.platformToken, headers: { 'x-tenant-id': w.b.tenant.id }, body: { email: email(), name: 'Ops', roles: ['member'] } });
      expect(viaHeader.status).toBe(201);
      expect(viaHeader.body.tenantId).toBe(w.b.tenant.id);
      const notAdmin = await api.request({ method: 'POST', path: '/users', token: w.a.adminToken, headers: { 'x-tenant-id': w.b.tenant.id }, body: { email: email(), name: 'x', roles: ['member'] } });
      expect(notAdmin.status).toBe(403);
      expect(notAdmin.body.code).toBe('tenant_override_forbidden');
    });
  });

  describe('GET /users', () => {
    it('pages newest first and filters by status and role', async () => {
      const f = await createTenantFixture(t, `list${kind}`);
      const made: string[] = [];
      for (let i = 0; i < 3; i++) made.push((await addUser(f.adminToken, { roles: i === 0 ? ['tenant_admin'] : ['member'] })).body.id);
      const page1 = await api.request({ method: 'GET', path: '/users?limit=2', token: f.memberToken });
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((u: { id: string }) => u.id)).toEqual([made[2], made[1]]);
      const page2 = await api.request({ method: 'GET', path: `/users?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`, token: f.memberToken });
      expect(page2.body.items.map((u: { id: string }) => u.id)).toEqual([made[0], f.memberId]);
      const admins = await api.request({ method: 'GET', path: '/users?role=tenant_admin&limit=100', token: f.adminToken });
      expect(admins.body.items.map((u: { id: string }) => u.id).sort()).toEqual([made[0], f.adminId].sort());
      const invited = await api.request({ method: 'GET', path: '/users?status=invited&limit=100', token: f.adminToken });
      expect(invited.body.items.every((u: { status: string }) => u.status === 'invited')).toBe(true);
      expect(invited.body.items).toHaveLength(5);
      // A cursor from tenant A's query is refused in tenant B.
      const replay = await api.request({ method: 'GET', path: `/users?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`, token: w.b.adminToken });
      expect(replay.status).toBe(400);
      expect(replay.body.code).toBe('invalid_cursor');
      expect((await api.request({ method: 'GET', path: '/users?status=gone', token: f.adminToken })).body.errors[0].path).toBe('query.status');
      expect((await api.request({ method: 'GET', path: '/users' })).status).toBe(401);
      expect((await api.request({ method: 'GET', path: '/users', token: f.nobodyToken })).status).toBe(403);
    });
  });

  describe('GET /users/{userId}', () => {
    it('reads a member with its ETag; another tenant\'s member is 404', async () => {
      const res = await api.request({ method: 'GET', path: `/users/${w.a.memberId}`, token: w.a.memberToken, headers: { 'if-match': 'ignored on reads' } });
      expect(res.status).toBe(200);
      expect(res.headers['etag']).toBe(`"${res.body.version}"`);
      expect((await api.request({ method: 'GET', path: `/users/${w.b.memberId}`, token: w.a.adminToken })).status).toBe(404);
      expect((await api.request({ method: 'GET', path: `/users/${w.b.memberId}`, token: w.a.adminToken, headers: { 'x-tenant-id': w.b.tenant.id } })).status).toBe(403);
      expect((await api.request({ method: 'GET', path: '/users/a%20b', token: w.a.adminToken })).body.errors[0].path).toBe('path.userId');
      expect((await api.request({ method: 'GET', path: `/users/${w.a.memberId}` })).status).toBe(401);
      expect((await api.request({ method: 'GET', path: `/users/${w.a.memberId}`, token: w.a.nobodyToken })).status).toBe(403);
    });
  });

  describe('PATCH /users/{userId}', () => {
    it('updates with If-Match (412 when stale), moves the email guard, 404 across tenants, 409 on a taken email', async () => {
      const user = (await addUser(w.a.adminToken)).body;
      const ok = await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"1"' }, body: { name: 'Patricia', roles: ['tenant_admin'] } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: 'Patricia', roles: ['tenant_admin'], version: 2, updatedBy: w.a.adminId });
      const stale = await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"1"' }, body: { name: 'Late' } });
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(2);
      const newEmail = email();
      expect((await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, body: { email: newEmail } })).body.email).toBe(newEmail);
      expect((await addUser(w.a.adminToken, { email: user.email })).status).toBe(201);
      const taken = await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, body: { email: user.email } });
      expect(taken.status).toBe(409);
      expect((await api.request({ method: 'PATCH', path: `/users/${w.b.memberId}`, token: w.a.adminToken, body: { name: 'x' } })).status).toBe(404);
      expect((await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, body: { status: 'invited' } })).body.errors[0].path).toBe('body.status');
      expect((await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.memberToken, body: { name: 'x' } })).status).toBe(403);
      expect((await api.request({ method: 'PATCH', path: `/users/${user.id}`, body: { name: 'x' } })).status).toBe(401);
      expect((await api.request({ method: 'PATCH', path: `/users/${w.a.adminId}`, token: w.a.adminToken, body: { status: 'disabled' } })).body.code).toBe('cannot_disable_self');
    });
    it('20 concurrent PATCHes with the same If-Match: exactly one wins, the rest are told their version is stale', async () => {
      const user = (await addUser(w.a.adminToken)).body;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"1"' }, body: { name: `N${i}` } })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 412)).toHaveLength(19);
      const final = await api.request({ method: 'GET', path: `/users/${user.id}`, token: w.a.adminToken });
      expect(final.body.version).toBe(2);
    });
  });

  describe('DELETE /users/{userId}', () => {
    it('disables (history kept), shuts the person out at once, and may be reactivated', async () => {
      const f = await createTenantFixture(t, `del${kind}`);
      expect((await api.request({ method: 'GET', path: '/me', token: f.memberToken })).status).toBe(200);
      const res = await api.request({ method: 'DELETE', path: `/users/${f.memberId}`, token: f.adminToken });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: f.memberId, status: 'disabled', disabledAt: expect.any(String) });
      const shut = await api.request({ method: 'GET', path: '/me', token: f.memberToken });
      expect(shut.status).toBe(403);
      expect(shut.body.code).toBe('user_disabled');
      expect((await api.request({ method: 'GET', path: `/users/${f.memberId}`, token: f.adminToken })).body.status).toBe('disabled');
      const again = await api.request({ method: 'DELETE', path: `/users/${f.memberId}`, token: f.adminToken });
      expect(again.status).toBe(200);
      const back = await api.request({ method: 'PATCH', path: `/users/${f.memberId}`, token: f.adminToken, body: { status: 'active' } });
      expect(back.body.status).toBe('active');
      expect(back.body.disabledAt).toBeUndefined();
      expect((await api.request({ method: 'GET', path: '/me', token: f.memberToken })).status).toBe(200);
    });
    it('the tenant owner cannot be disabled until someone else owns the tenant (422)', async () => {
      const f = await createTenantFixture(t, `own${kind}`);
      const asPlatform = { token: w.platformToken, headers: { 'x-tenant-id': f.tenant.id } };
      const del = await api.request({ method: 'DELETE', path: `/users/${f.adminId}`, ...asPlatform });
      expect(del.status).toBe(422);
      expect(del.body.code).toBe('owner_cannot_be_disabled');
      const patch = await api.request({ method: 'PATCH', path: `/users/${f.adminId}`, ...asPlatform, body: { status: 'disabled' } });
      expect(patch.body.code).toBe('owner_cannot_be_disabled');
      expect((await api.request({ method: 'GET', path: `/users/${f.adminId}`, ...asPlatform })).body.status).not.toBe('disabled');
      await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: w.platformToken, body: { ownerUserId: f.memberId } });
      expect((await api.request({ method: 'DELETE', path: `/users/${f.adminId}`, ...asPlatform })).body.status).toBe('disabled');
    });
    it('404 across tenants, 403 for members, 401 without credentials, 422 for oneself, 412 when stale', async () => {
      expect((await api.request({ method: 'DELETE', path: `/users/${w.b.memberId}`, token: w.a.adminToken })).status).toBe(404);
      expect((await api.request({ method: 'DELETE', path: `/users/${w.a.memberId}`, token: w.a.memberToken })).status).toBe(403);
      expect((await api.request({ method: 'DELETE', path: `/users/${w.a.memberId}` })).status).toBe(401);
      expect((await api.request({ method: 'DELETE', path: `/users/${w.a.adminId}`, token: w.a.adminToken })).status).toBe(422);
      const user = (await addUser(w.a.adminToken)).body;
      expect((await api.request({ method: 'DELETE', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"9"' } })).status).toBe(412);
      const gone = await api.request({ method: 'DELETE', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"1"' } });
      expect(gone.body).toMatchObject({ status: 'disabled', version: 2 });
      // Disabling again changes nothing, but a stale If-Match is still a 412.
      expect((await api.request({ method: 'DELETE', path: `/users/${user.id}`, token: w.a.adminToken, headers: { 'if-match': '"1"' } })).status).toBe(412);
      const same = await api.request({ method: 'PATCH', path: `/users/${user.id}`, token: w.a.adminToken, body: { status: 'disabled' } });
      expect(same.body).toMatchObject({ version: 3, disabledAt: gone.body.disabledAt });
      expect((await api.request({ method: 'DELETE', path: '/users/bad%20id', token: w.a.adminToken })).status).toBe(400);
    });
  });
});
