/** Branding routes and the custom domain, through the Lambda handler and the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../../routes.js';
import { DNS_RESOLVER, type DnsResolver } from '../../services/dns.js';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../../test/support/world.js';

describe.each<TransportKind>(['lambda', 'local-server'])('branding via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;
  /** What the fake DNS answers, by name. */
  const dns = new Map<string, string[][] | Error>();
  const resolver: DnsResolver = {
    resolveTxt: async (name) => {
      const answer = dns.get(name);
      if (answer === undefined) throw Object.assign(new Error('queryTxt ENOTFOUND'), { code: 'ENOTFOUND' });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };

  beforeAll(async () => {
    t = await createTestRuntime();
    t.runtime.provide(DNS_RESOLVER, resolver);
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `br${kind}`);
    other = await createTenantFixture(t, `bro${kind}`);
  });
  afterAll(() => api.close());

  const profile = {
    displayName: 'Acme Portal',
    logos: { light: 'https://cdn.acme.example/logo.svg', dark: 'https://cdn.acme.example/logo-dark.svg' },
    favicon: 'https://cdn.acme.example/favicon.ico',
    colors: { primary: '#1A73E8', secondary: '#fff', accent: '#ff5722', background: '#ffffff', text: '#202124' },
    email: { fromName: 'Acme', fromAddress: 'hello@acme.example', replyTo: 'support@acme.example' },
    supportUrl: 'https://acme.example/support',
    legal: { termsUrl: 'https://acme.example/terms', privacyUrl: 'https://acme.example/privacy' },
  };

  it('draft → publish → versions → restore, with If-Match on the draft', async () => {
    // An If-Match on a domain that does not exist yet fails its precondition.
    const none = await api.request({ method: 'PUT', path: '/branding/domain', token: f.adminToken, headers: { 'if-match': '"1"' }, body: { hostname: `none-${kind}.acme.example` } });
    expect(none.status).toBe(412);
    expect(none.body).toMatchObject({ entity: 'BrandingDomain', expectedVersion: 1, currentVersion: null });
    const current = await api.request({ method: 'GET', path: '/branding/draft', token: f.adminToken });
    expect(current.status).toBe(200);
    const etag = current.headers['etag'] as string;
    expect((await api.request({ method: 'PUT', path: '/branding/draft', token: f.adminToken, body: profile })).status).toBe(428);
    const saved = await api.request({ method: 'PUT', path: '/branding/draft', token: f.adminToken, headers: { 'if-match': etag }, body: profile });
    expect(saved.status).toBe(200);
    expect(saved.body.profile.colors).toEqual({ primary: '#1a73e8', secondary: '#ffffff', accent: '#ff5722', background: '#ffffff', text: '#202124' });
    expect((await api.request({ method: 'PUT', path: '/branding/draft', token: f.adminToken, headers: { 'if-match': etag }, body: profile })).status).toBe(412);
    // Nothing is live until published.
    expect((await api.request({ method: 'GET', path: '/branding', token: f.memberToken })).body.profile.displayName).toBe(`Tenant br${kind}`);
    const published = await api.request({ method: 'POST', path: '/branding/publish', token: f.adminToken });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ number: 2, publishedBy: f.adminId, profile: { displayName: 'Acme Portal' } });
    expect(published.headers['location']).toBe('/branding/versions/2');
    expect((await api.request({ method: 'GET', path: published.headers['location'] as string, token: f.memberToken })).body).toMatchObject({ number: 2, profile: { displayName: 'Acme Portal' } });
    const live = await api.request({ method: 'GET', path: '/branding', token: f.memberToken });
    expect(live.body.number).toBe(2);
    expect(live.headers['etag']).toBe('"2"');
    const versions = await api.request({ method: 'GET', path: '/branding/versions', token: f.memberToken });
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    // Restoring replaces the draft: If-Match protects unpublished edits.
    expect((await api.request({ method: 'POST', path: '/branding/versions/1/restore', token: f.adminToken, headers: { 'if-match': etag } })).status).toBe(412);
    const restored = await api.request({ method: 'POST', path: '/branding/versions/1/restore', token: f.adminToken });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ number: 3, restoredFrom: 1, profile: { displayName: `Tenant br${kind}` } });
    expect((await api.request({ method: 'GET', path: '/branding/draft', token: f.adminToken })).body.profile.displayName).toBe(`Tenant br${kind}`);
    expect((await api.request({ method: 'GET', path: '/branding/versions?limit=10', token: f.adminToken })).body.items).toHaveLength(3);
    expect((await api.request({ method: 'POST', path: '/branding/versions/99/restore', token: f.adminToken })).status).toBe(404);
    expect((await api.request({ method: 'POST', path: '/branding/versions/zero/restore', token: f.adminToken })).body.errors[0].path).toBe('path.version');
  });

  it('refuses text below WCAG AA contrast on its background (422 naming both colours and the ratio)', async () => {
    const etag = (await api.request({ method: 'GET', path: '/branding/draft', token: f.adminToken })).headers['etag'] as string;
    const res = await api.request({ method: 'PUT', path: '/branding/draft', token: f.adminToken, headers: { 'if-match': etag }, body: { ...profile, colors: { text: '#999999', background: '#ffffff' } } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'insufficient_contrast', text: '#999999', background: '#ffffff', ratio: 2.84, minimum: 4.5 });
    expect(res.body.detail).toContain('#999999');
    expect(res.body.detail).toContain('2.84:1');
  });

  it('validates input with field paths; members read, only admins change', async () => {
    const bad = await api.request({ method: 'PUT', path: '/branding/draft', token: f.adminToken, body: { displayName: '', colors: { primary: 'blue' }, supportUrl: 'http://insecure.example', logos: { light: 'ftp://x' }, email: { fromAddress: 'nope' }, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.colors.primary', 'body.displayName', 'body.email.fromAddress', 'body.extra', 'body.logos.light', 'body.supportUrl']);
    expect((await api.request({ method: 'PUT', path: '/branding/draft', token: f.memberToken, body: profile })).body.code).toBe('permission_denied');
    expect((await api.request({ method: 'POST', path: '/branding/publish', token: f.memberToken })).status).toBe(403);
    expect((await api.request({ method: 'GET', path: '/branding' })).status).toBe(401);
  });

  it('custom domain: pending → failed (with the reason) → verified; unique across the platform; public branding only when verified', async () => {
    const host = `portal-${kind}.acme.example`;
    const set = await api.request({ method: 'PUT', path: '/branding/domain', token: f.adminToken, body: { hostname: host.toUpperCase() } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ hostname: host, status: 'pending', txtName: `_geekcafe-verification.${host}` });
    expect(set.body.txtValue).toMatch(/^geekcafe-verification=[A-Za-z0-9_-]{32}$/);
    const publicUrl = `/public/branding?domain=${host}`;
    expect((await api.request({ method: 'GET', path: publicUrl })).status).toBe(404);

    const missing = await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken });
    expect(missing.body).toMatchObject({ status: 'failed', failureReason: `No TXT record found at _geekcafe-verification.${host}.` });
    dns.set(set.body.txtName, [['some-other-value']]);
    expect((await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken })).body.failureReason).toContain('does not hold the expected value');
    dns.set(set.body.txtName, Object.assign(new Error('timeout'), { code: 'ETIMEOUT' }) as never);
    expect((await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken })).body.failureReason).toContain('ETIMEOUT');
    // Long TXT values come in several strings: they are joined.
    const value = set.body.txtValue as string;
    dns.set(set.body.txtName, [['v=spf1 -all'], [value.slice(0, 20), value.slice(20)]]);
    const verified = await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken });
    expect(verified.body).toMatchObject({ status: 'verified', verifiedAt: expect.any(String) });
    expect(verified.body.failureReason).toBeUndefined();
    // A lookup that fails (a timeout) proves nothing: the domain stays verified.
    const records = dns.get(set.body.txtName);
    dns.set(set.body.txtName, Object.assign(new Error('timeout'), { code: 'ETIMEOUT' }) as never);
    const flaky = await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken });
    expect(flaky.body).toMatchObject({ status: 'verified', failureReason: expect.stringContaining('ETIMEOUT') });
    dns.set(set.body.txtName, records as string[][]);
    expect((await api.request({ method: 'POST', path: '/branding/domain/verify', token: f.adminToken, headers: { 'if-match': '"1"' } })).status).toBe(412);

    const pub = await api.request({ method: 'GET', path: publicUrl });
    expect(pub.status).toBe(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=60');
    expect(pub.body.branding.displayName).toBe((await api.request({ method: 'GET', path: '/branding', token: f.adminToken })).body.profile.displayName);
    expect(Object.keys(pub.body.branding)).not.toContain('email');
    const again = await api.request({ method: 'GET', path: publicUrl, headers: { 'if-none-match': pub.headers['etag'] as string } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    const taken = await api.request({ method: 'PUT', path: '/branding/domain', token: other.adminToken, body: { hostname: host } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'domain_taken', field: 'body.hostname' });
    expect((await api.request({ method: 'PUT', path: '/branding/domain', token: f.adminToken, body: { hostname: '127.0.0.1' } })).body.errors[0].path).toBe('body.hostname');
    expect((await api.request({ method: 'GET', path: '/public/branding?domain=unknown.example.org' })).status).toBe(404);
    expect((await api.request({ method: 'GET', path: '/public/branding' })).body.errors[0].path).toBe('query.domain');

    // Moving to another hostname starts over and frees the old one.
    const moved = await api.request({ method: 'PUT', path: '/branding/domain', token: f.adminToken, body: { hostname: `new-${host}` } });
    expect(moved.body.status).toBe('pending');
    expect((await api.request({ method: 'GET', path: publicUrl })).status).toBe(404);
    expect((await api.request({ method: 'PUT', path: '/branding/domain', token: other.adminToken, body: { hostname: host } })).status).toBe(200);
    expect((await api.request({ method: 'DELETE', path: '/branding/domain', token: f.adminToken, headers: { 'if-match': '"99"' } })).status).toBe(412);
    expect((await api.request({ method: 'DELETE', path: '/branding/domain', token: f.adminToken })).status).toBe(204);
    expect((await api.request({ method: 'GET', path: '/branding/domain', token: f.adminToken })).status).toBe(404);
  });

  it('a suspended tenant\'s verified domain serves nothing', async () => {
    const g = await createTenantFixture(t, `brs${kind}`);
    const host = `brs-${kind}.acme.example`;
    const set = await api.request({ method: 'PUT', path: '/branding/domain', token: g.adminToken, body: { hostname: host } });
    dns.set(set.body.txtName, [[set.body.txtValue]]);
    await api.request({ method: 'POST', path: '/branding/domain/verify', token: g.adminToken });
    expect((await api.request({ method: 'GET', path: `/public/branding?domain=${host}` })).status).toBe(200);
    const platform = await t.token({ userId: 'root', roles: ['platform_admin'] });
    await api.request({ method: 'POST', path: `/tenants/${g.tenant.id}/suspend`, token: platform, body: { reason: 'x' } });
    expect((await api.request({ method: 'GET', path: `/public/branding?domain=${host}` })).status).toBe(404);
  });
});
