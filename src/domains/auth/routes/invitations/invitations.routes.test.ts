/** Invitation routes through the Lambda handler and the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../core/clock.js';
import type { DomainEvent } from '../../../../core/events.js';
import { apiRoutes } from '../../../../routes.js';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../../test/support/world.js';

const tokenOf = (acceptUrl: string): string => decodeURIComponent(acceptUrl.split('token=')[1] as string);

describe.each<TransportKind>(['lambda', 'local-server'])('invitation routes via %s', (kind) => {
  const clock = fixedClock(new Date());
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;
  const events: DomainEvent[] = [];
  let n = 0;
  const email = () => `guest${++n}-${kind}@example.com`;
  const person = (address: string, tenantId?: string) => t.token({ userId: `p-${address.split('@')[0]}`, email: address, roles: [], ...(tenantId === undefined ? {} : { tenantId }) });

  beforeAll(async () => {
    t = await createTestRuntime({ clock });
    t.runtime.events.subscribe('*', (e) => void events.push(e));
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `inv${kind}`);
    other = await createTenantFixture(t, `invo${kind}`);
  });
  afterAll(() => api.close());

  const invite = (body: Record<string, unknown>, token = f.adminToken) => api.request({ method: 'POST', path: '/invitations', token, body });
  const accept = (token: string, personToken: string) => api.request({ method: 'POST', path: '/invitations/accept', token: personToken, body: { token } });

  it('POST /invitations returns the accept URL once, stores no token, and emits invitation.created', async () => {
    const address = email();
    const res = await invite({ email: address.toUpperCase(), roles: ['member'], message: 'Welcome aboard' });
    expect(res.status).toBe(201);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body.acceptUrl).toMatch(/^http:\/\/localhost:3000\/accept-invitation#token=[A-Za-z0-9_-]{43}$/);
    expect(res.body.invitation).toMatchObject({ email: address, roles: ['member'], status: 'pending', message: 'Welcome aboard', sendCount: 1, invitedBy: f.adminId });
    expect(res.body.invitation.tokenHash).toBeUndefined();
    expect(Date.parse(res.body.invitation.expiresAt) - clock.now().getTime()).toBe(7 * 86_400_000);
    const event = events.find((e) => e.type === 'invitation.created' && e.data['invitationId'] === res.body.invitation.id);
    expect(event).toMatchObject({ tenantId: f.tenant.id, actor: f.adminId, data: { email: address, roles: ['member'], acceptUrl: res.body.acceptUrl } });
    const read = await api.request({ method: 'GET', path: `/invitations/${res.body.invitation.id}`, token: f.adminToken });
    expect(read.body).toEqual(res.body.invitation);
  });

  it('bad input is a 400 with field paths; 401 and 403 as usual', async () => {
    const bad = await invite({ email: 'nope', roles: [], expiresInDays: 31, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.expiresInDays', 'body.extra', 'body.roles']);
    expect((await invite({ email: email(), roles: ['member'] }, f.memberToken)).body.code).toBe('permission_denied');
    expect((await api.request({ method: 'POST', path: '/invitations', body: { email: email(), roles: ['member'] } })).status).toBe(401);
  });

  it('only roles the inviter holds or may grant (403); never to an active member (409); one pending per email (409)', async () => {
    await api.request({ method: 'PUT', path: '/access-policies/recruiter', token: f.adminToken, body: { allow: ['invitations:create'] } });
    const recruiter = await t.token({ userId: `recruiter-${kind}`, tenantId: f.tenant.id, roles: ['recruiter'] });
    const escalate = await invite({ email: email(), roles: ['tenant_admin'] }, recruiter);
    expect(escalate.status).toBe(403);
    expect(escalate.body).toMatchObject({ code: 'role_grant_forbidden', roles: ['tenant_admin'] });
    expect((await invite({ email: email(), roles: ['recruiter'] }, recruiter)).status).toBe(201);
    const member = await invite({ email: `member@${f.tenant.slug}.example`, roles: ['member'] });
    expect(member.status).toBe(409);
    expect(member.body.code).toBe('already_member');
    const address = email();
    expect((await invite({ email: address, roles: ['member'] })).status).toBe(201);
    const twice = await invite({ email: address, roles: ['viewer'] });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'invitation_pending', field: 'body.email' });
    expect((await invite({ email: address, roles: ['member'] }, other.adminToken)).status).toBe(201);
    expect((await invite({ email: email(), roles: ['no-such-role'] })).body.code).toBe('role_not_grantable');
  });

  it('accept: the signed-in person with the invited email joins with the invited roles, in one transaction', async () => {
    const address = email();
    const created = await invite({ email: address, roles: ['viewer'] });
    const token = tokenOf(created.body.acceptUrl);
    const stranger = await accept(token, await person(`someone-else-${kind}@example.com`));
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('email_mismatch');
    // The person may belong to another tenant already: that does not matter.
    const guest = await t.token({ userId: `p-guest-${kind}`, email: address, tenantId: other.tenant.id, roles: ['member'] });
    const ok = await accept(token, guest);
    expect(ok.status).toBe(200);
    expect(ok.body.invitation).toMatchObject({ status: 'accepted', acceptedBy: `p-guest-${kind}` });
    expect(ok.body.user).toMatchObject({ tenantId: f.tenant.id, id: `p-guest-${kind}`, email: address, roles: ['viewer'], status: 'active' });
    const again = await accept(token, guest);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invitation_already_accepted');
    const inTenant = await t.token({ userId: `p-guest-${kind}`, email: address, tenantId: f.tenant.id, roles: [] });
    const me = await api.request({ method: 'GET', path: '/me', token: inTenant });
    expect(me.body).toMatchObject({ tenantId: f.tenant.id, roles: ['viewer'], user: { status: 'active' } });
    expect(events.some((e) => e.type === 'invitation.accepted' && e.data['invitationId'] === created.body.invitation.id)).toBe(true);
    // Inviting the new member again is refused.
    expect((await invite({ email: address, roles: ['member'] })).body.code).toBe('already_member');
  });

  it('the tenant a person\'s token names plays no part in accepting (even one where they are disabled)', async () => {
    const g = await createTenantFixture(t, `invd${kind}`);
    await api.request({ method: 'DELETE', path: `/users/${g.memberId}`, token: g.adminToken });
    const address = `member@${g.tenant.slug}.example`;
    const disabledThere = await t.token({ userId: g.memberId, email: address, tenantId: g.tenant.id, roles: ['member'] });
    expect((await api.request({ method: 'GET', path: '/me', token: disabledThere })).body.code).toBe('user_disabled');
    const inv = await invite({ email: address, roles: ['member'] });
    const ok = await accept(tokenOf(inv.body.acceptUrl), disabledThere);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ tenantId: f.tenant.id, id: g.memberId, status: 'active' });
  });

  it('exactly one of 20 concurrent accepts succeeds', async () => {
    const address = email();
    const token = tokenOf((await invite({ email: address, roles: ['member'] })).body.acceptUrl);
    const who = await person(address);
    const results = await Promise.all(Array.from({ length: 20 }, () => accept(token, who)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('malformed token 400, unknown token 404, revoked 410, expired 410', async () => {
    const who = await person(email());
    expect((await accept('short', who)).body.errors[0].path).toBe('body.token');
    expect((await accept('B'.repeat(43), who)).status).toBe(404);
    const address = email();
    const revoked = await invite({ email: address, roles: ['member'] });
    const rev = await api.request({ method: 'POST', path: `/invitations/${revoked.body.invitation.id}/revoke`, token: f.adminToken });
    expect(rev.body).toMatchObject({ status: 'revoked', revokedBy: f.adminId });
    const gone = await accept(tokenOf(revoked.body.acceptUrl), await person(address));
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('invitation_revoked');
    expect((await api.request({ method: 'POST', path: `/invitations/${revoked.body.invitation.id}/revoke`, token: f.adminToken })).status).toBe(422);
    // A revoked invitation never blocks a new one.
    expect((await invite({ email: address, roles: ['member'] })).status).toBe(201);
    const late = email();
    const expiring = await invite({ email: late, roles: ['member'], expiresInDays: 1 });
    clock.advance(2 * 86_400_000);
    const expired = await accept(tokenOf(expiring.body.acceptUrl), await person(late));
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('invitation_expired');
    expect((await api.request({ method: 'GET', path: `/invitations/${expiring.body.invitation.id}`, token: f.adminToken })).body.status).toBe('expired');
    // Nor does an expired one: the new invitation takes its place.
    const fresh = await invite({ email: late, roles: ['member'] });
    expect(fresh.status).toBe(201);
    expect((await accept(tokenOf(fresh.body.acceptUrl), await person(late))).status).toBe(200);
  });

  it('resend: a new token and expiry (the old link stops working), roles restated as of now', async () => {
    const address = email();
    const first = await invite({ email: address, roles: ['member'] });
    clock.advance(3_600_000);
    const resent = await api.request({ method: 'POST', path: `/invitations/${first.body.invitation.id}/resend`, token: f.adminToken, headers: { 'if-match': '"1"' }, body: { expiresInDays: 2 } });
    expect(resent.status).toBe(200);
    expect(resent.body.invitation).toMatchObject({ sendCount: 2, version: 2, status: 'pending' });
    expect(Date.parse(resent.body.invitation.expiresAt) - clock.now().getTime()).toBe(2 * 86_400_000);
    expect(resent.body.acceptUrl).not.toBe(first.body.acceptUrl);
    expect((await accept(tokenOf(first.body.acceptUrl), await person(address))).status).toBe(404);
    expect((await api.request({ method: 'POST', path: `/invitations/${first.body.invitation.id}/resend`, token: f.adminToken, headers: { 'if-match': '"1"' }, body: {} })).status).toBe(412);
    // Roles are checked again: a custom role deleted since cannot be resent.
    await api.request({ method: 'PUT', path: '/access-policies/temp-role', token: f.adminToken, body: { allow: ['users:read'] } });
    const temp = await invite({ email: email(), roles: ['temp-role'] });
    await api.request({ method: 'DELETE', path: '/access-policies/temp-role', token: f.adminToken });
    const stale = await api.request({ method: 'POST', path: `/invitations/${temp.body.invitation.id}/resend`, token: f.adminToken, body: {} });
    expect(stale.status).toBe(422);
    expect(stale.body.code).toBe('role_not_grantable');
    expect((await accept(tokenOf(resent.body.acceptUrl), await person(address))).status).toBe(200);
    const done = await api.request({ method: 'POST', path: `/invitations/${first.body.invitation.id}/resend`, token: f.adminToken, body: {} });
    expect(done.status).toBe(422);
    expect(done.body.code).toBe('invalid_transition');
  });

  it('accepting re-activates a disabled membership with the invited roles', async () => {
    const gone = await api.request({ method: 'DELETE', path: `/users/${f.memberId}`, token: f.adminToken });
    expect(gone.body.status).toBe('disabled');
    const address = `member@${f.tenant.slug}.example`;
    const inv = await invite({ email: address, roles: ['viewer'] });
    expect(inv.status).toBe(201);
    const back = await accept(tokenOf(inv.body.acceptUrl), await t.token({ userId: f.memberId, email: address, roles: [] }));
    expect(back.status).toBe(200);
    expect(back.body.user).toMatchObject({ id: f.memberId, status: 'active', roles: ['viewer'] });
  });

  it('GET /invitations filters by status (expired computed) and pages; another tenant\'s is 404', async () => {
    const list = async (query: string) => (await api.request({ method: 'GET', path: `/invitations?limit=100${query}`, token: f.adminToken })).body.items as Array<{ status: string }>;
    const all = await list('');
    expect(all.length).toBeGreaterThan(5);
    for (const status of ['pending', 'accepted', 'revoked', 'expired']) {
      const items = await list(`&status=${status}`);
      expect(items.length, status).toBeGreaterThan(0);
      expect(items.every((i) => i.status === status), status).toBe(true);
    }
    // Pending and expired are ranges on "now": a cursor still works after time has moved on.
    const pendingPage = await api.request({ method: 'GET', path: '/invitations?status=pending&limit=1', token: f.adminToken });
    expect(pendingPage.body.nextCursor).toEqual(expect.any(String));
    clock.advance(1000);
    const pendingNext = await api.request({ method: 'GET', path: `/invitations?status=pending&limit=1&cursor=${encodeURIComponent(pendingPage.body.nextCursor)}`, token: f.adminToken });
    expect(pendingNext.status).toBe(200);
    expect(pendingNext.body.items[0].id).not.toBe(pendingPage.body.items[0].id);
    const wrongRange = await api.request({ method: 'GET', path: `/invitations?status=expired&limit=1&cursor=${encodeURIComponent(pendingPage.body.nextCursor)}`, token: f.adminToken });
    expect(wrongRange.body.code).toBe('invalid_cursor');
    const page = await api.request({ method: 'GET', path: '/invitations?limit=2', token: f.adminToken });
    expect(page.body.items).toHaveLength(2);
    const next = await api.request({ method: 'GET', path: `/invitations?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`, token: f.adminToken });
    expect(next.body.items[0].id < page.body.items[1].id).toBe(true);
    expect((await api.request({ method: 'GET', path: '/invitations?status=lost', token: f.adminToken })).body.errors[0].path).toBe('query.status');
    expect((await api.request({ method: 'GET', path: `/invitations/${other.invitationId}`, token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'POST', path: `/invitations/${other.invitationId}/revoke`, token: f.adminToken })).status).toBe(404);
  });
});
