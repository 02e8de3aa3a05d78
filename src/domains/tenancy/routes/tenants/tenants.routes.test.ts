/** Every tenant route, through the Lambda handler and through the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, createWorld, type World } from '../../../../../test/support/world.js';
import { tenancyRoutes } from '../index.js';

describe.each<TransportKind>(['lambda', 'local-server'])('tenant routes via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let w: World;
  let n = 0;
  const slug = () => `t-${kind}-${Date.now().toString(36)}-${++n}`;

  beforeAll(async () => {
    t = await createTestRuntime();
    api = await createTransport(kind, tenancyRoutes, t.runtime);
    w = await createWorld(t);
  });
  afterAll(() => api.close());

  describe('POST /tenants', () => {
    it('creates a tenant with its owner and answers 201 with ETag and Location', async () => {
      const res = await api.request({ method: 'POST', path: '/tenants', token: w.platformToken, body: { name: ' Acme ', slug: 'ACME-' + n + '-x' + kind, owner: { email: 'Ada@Example.com', name: 'Ada' } } });
      expect(res.status).toBe(201);
      expect(res.headers['etag']).toBe('"1"');
      expect(res.headers['location']).toBe(`/tenants/${res.body.id}`);
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.body).toMatchObject({ name: 'Acme', status: 'active', version: 1, settings: {}, ownerUserId: res.body.owner.id });
      expect(res.body.owner).toMatchObject({ tenantId: res.body.id, email: 'ada@example.com', roles: ['tenant_admin'], status: 'invited' });
    });
    it('400 with field paths for bad input', async () => {
      const res = await api.request({ method: 'POST', path: '/tenants', token: w.platformToken, body: { name: '', slug: 'A!', extra: true } });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.extra', 'body.name', 'body.slug']);
    });
    it('401 without credentials, 403 for a tenant admin', async () => {
      expect((await api.request({ method: 'POST', path: '/tenants', body: { name: 'X', slug: slug() } })).status).toBe(401);
      const res = await api.request({ method: 'POST', path: '/tenants', token: w.a.adminToken, body: { name: 'X', slug: slug() } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'permission_denied', missingPermission: 'tenants:create' });
    });
    it('409 when the slug is taken', async () => {
      const res = await api.request({ method: 'POST', path: '/tenants', token: w.platformToken, body: { name: 'Copy', slug: w.a.tenant.slug } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'unique_violation', fields: ['body.slug'] });
    });
  });

  describe('GET /tenants', () => {
    it('pages newest first for a platform admin, filters by status, and refuses others', async () => {
      const first = await api.request({ method: 'GET', path: '/tenants?limit=1', token: w.platformToken });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api.request({ method: 'GET', path: `/tenants?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, token: w.platformToken });
      expect(second.body.items[0].id < first.body.items[0].id).toBe(true);
      const active = await api.request({ method: 'GET', path: '/tenants?status=active&limit=100', token: w.platformToken });
      expect(active.body.items.every((x: { status: string }) => x.status === 'active')).toBe(true);
      expect((await api.request({ method: 'GET', path: '/tenants?limit=500', token: w.platformToken })).body.errors[0].path).toBe('query.limit');
      expect((await api.request({ method: 'GET', path: '/tenants?cursor=forged', token: w.platformToken })).body.code).toBe('invalid_cursor');
      expect((await api.request({ method: 'GET', path: '/tenants' })).status).toBe(401);
      expect((await api.request({ method: 'GET', path: '/tenants', token: w.a.adminToken })).status).toBe(403);
    });
  });

  describe('GET /tenants/{tenantId}', () => {
    it('reads the own tenant with its ETag; another tenant is 404; a bad id is 400', async () => {
      const own = await api.request({ method: 'GET', path: `/tenants/${w.a.tenant.id}`, token: w.a.memberToken });
      expect(own.status).toBe(200);
      expect(own.headers['etag']).toBe(`"${own.body.version}"`);
      expect(own.body.slug).toBe(w.a.tenant.slug);
      const other = await api.request({ method: 'GET', path: `/tenants/${w.b.tenant.id}`, token: w.a.adminToken });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('not_found');
      expect((await api.request({ method: 'GET', path: `/tenants/${w.b.tenant.id}`, token: w.platformToken })).status).toBe(200);
      expect((await api.request({ method: 'GET', path: '/tenants/bad%23id', token: w.platformToken })).body.errors[0].path).toBe('path.tenantId');
      expect((await api.request({ method: 'GET', path: `/tenants/${w.a.tenant.id}` })).status).toBe(401);
      expect((await api.request({ method: 'GET', path: `/tenants/${w.a.tenant.id}`, token: w.a.nobodyToken })).status).toBe(403);
    });
  });

  describe('PATCH /tenants/{tenantId}', () => {
    it('updates with If-Match; a stale ETag is 412; another tenant 404; bad input 400; a taken slug 409', async () => {
      const f = await createTenantFixture(t, `patch${kind}`);
      const ok = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, headers: { 'if-match': '"1"' }, body: { name: 'Renamed', settings: { theme: 'dark' } } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ name: 'Renamed', settings: { theme: 'dark' }, version: 2 });
      expect(ok.headers['etag']).toBe('"2"');
      const stale = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, headers: { 'if-match': '"1"' }, body: { name: 'Again' } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'precondition_failed', currentVersion: 2 });
      expect((await api.request({ method: 'PATCH', path: `/tenants/${w.b.tenant.id}`, token: f.adminToken, body: { name: 'Hijack' } })).status).toBe(404);
      expect((await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, body: { status: 'closed' } })).status).toBe(400);
      expect((await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, headers: { 'if-match': 'nope' }, body: { name: 'x' } })).body.code).toBe('invalid_if_match');
      const taken = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, body: { slug: w.b.tenant.slug } });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('unique_violation');
      expect((await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.memberToken, body: { name: 'x' } })).status).toBe(403);
      expect((await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, body: { name: 'x' } })).status).toBe(401);
      // The owner must be an enabled member of the tenant, checked in the same transaction.
      const stranger = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, body: { ownerUserId: w.b.memberId } });
      expect(stranger.status).toBe(422);
      expect(stranger.body).toMatchObject({ code: 'owner_not_member', field: 'body.ownerUserId' });
      const handover = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, body: { ownerUserId: f.memberId } });
      expect(handover.status).toBe(200);
      expect(handover.body.ownerUserId).toBe(f.memberId);
      // The old slug is free again after a slug change.
      const moved = await api.request({ method: 'PATCH', path: `/tenants/${f.tenant.id}`, token: f.adminToken, body: { slug: `${f.tenant.slug}-new` } });
      expect(moved.status).toBe(200);
      const reuse = await api.request({ method: 'POST', path: '/tenants', token: w.platformToken, body: { name: 'Reuse', slug: f.tenant.slug } });
      expect(reuse.status).toBe(201);
    });
  });

  describe('suspend / reactivate / close', () => {
    it('shuts a suspended tenant\'s users out with tenant_suspended, and lets them back in on reactivation', async () => {
      const f = await createTenantFixture(t, `susp${kind}`);
      expect((await api.request({ method: 'GET', path: '/me', token: f.memberToken })).status).toBe(200);
      const suspended = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: w.platformToken, body: { reason: 'unpaid invoice' } });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'unpaid invoice', suspendedAt: expect.any(String) });
      for (const path of ['/me', '/users', `/users/${f.memberId}`, `/tenants/${f.tenant.id}`]) {
        const res = await api.request({ method: 'GET', path, token: f.adminToken });
        expect(res.status, path).toBe(403);
        expect(res.body.code, path).toBe('tenant_suspended');
      }
      const again = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: w.platformToken, body: { reason: 'twice' } });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'invalid_transition', from: 'suspended', to: 'suspended', detail: 'A suspended tenant cannot be suspended.' });
      const back = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/reactivate`, token: w.platformToken, body: {} });
      expect(back.status).toBe(200);
      expect(back.body.status).toBe('active');
      expect((await api.request({ method: 'GET', path: '/users', token: f.adminToken })).status).toBe(200);
      const closed = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/close`, token: w.platformToken, body: { reason: 'contract ended' } });
      expect(closed.body.status).toBe('closed');
      expect((await api.request({ method: 'GET', path: '/me', token: f.memberToken })).body.code).toBe('tenant_closed');
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/reactivate`, token: w.platformToken, body: {} })).status).toBe(422);
    });
    it('validates, authorizes and checks versions', async () => {
      const f = await createTenantFixture(t, `suspv${kind}`);
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: w.platformToken, body: {} })).body.errors[0].path).toBe('body.reason');
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, body: { reason: 'x' } })).status).toBe(401);
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: f.adminToken, body: { reason: 'x' } })).status).toBe(403);
      expect((await api.request({ method: 'POST', path: '/tenants/01NOSUCHTENANT/suspend', token: w.platformToken, body: { reason: 'x' } })).status).toBe(404);
      const stale = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: w.platformToken, headers: { 'if-match': '"7"' }, body: { reason: 'x' } });
      expect(stale.status).toBe(412);
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/close`, token: f.adminToken, body: { reason: 'x' } })).status).toBe(403);
      expect((await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/reactivate`, token: w.platformToken, body: {} })).status).toBe(422);
    });
  });
});
