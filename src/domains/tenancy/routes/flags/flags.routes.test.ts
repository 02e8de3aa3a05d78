/** Feature-flag routes, through the Lambda handler and the local HTTP server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../../routes.js';
import { createTransport, type Transport, type TransportKind } from '../../../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../../test/support/world.js';

describe.each<TransportKind>(['lambda', 'local-server'])('flags via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let f: TenantFixture;
  let other: TenantFixture;
  let platform: string;
  const key = (name: string) => `${name}-${kind}`;

  beforeAll(async () => {
    t = await createTestRuntime();
    api = await createTransport(kind, apiRoutes, t.runtime);
    f = await createTenantFixture(t, `fl${kind}`);
    other = await createTenantFixture(t, `flo${kind}`);
    platform = await t.token({ userId: 'root', roles: ['platform_admin'] });
  });
  afterAll(() => api.close());

  const evaluate = async (token: string) =>
    Object.fromEntries(((await api.request({ method: 'GET', path: '/flags/evaluate', token })).body.flags as Array<{ key: string }>).map((e) => [e.key, e]));

  it('platform admins define flags; tenant admins read them; the default applies (DEFAULT)', async () => {
    const created = await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('theme'), type: 'string', defaultValue: 'light', variants: { light: 'light', dark: 'dark' }, description: 'Colour theme' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: key('theme'), type: 'string', enabled: true, version: 1 });
    expect((await api.request({ method: 'POST', path: '/flags', token: f.adminToken, body: { key: 'x', type: 'boolean', defaultValue: true } })).body).toMatchObject({ code: 'permission_denied', missingPermission: 'flags:create' });
    expect((await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('theme'), type: 'boolean', defaultValue: true } })).status).toBe(409);
    const mismatch = await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('bad'), type: 'number', defaultValue: 'ten' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ code: 'flag_type_mismatch', field: 'body.defaultValue' });
    expect((await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: 'Evaluate', type: 'boolean', defaultValue: true } })).body.errors[0].path).toBe('body.key');
    expect((await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: 'evaluate', type: 'boolean', defaultValue: true } })).body.errors[0].path).toBe('body.key');
    expect((await api.request({ method: 'GET', path: `/flags/${key('theme')}`, token: f.adminToken })).body.description).toBe('Colour theme');
    expect((await api.request({ method: 'GET', path: `/flags/${key('theme')}`, token: f.memberToken })).status).toBe(403);
    expect((await api.request({ method: 'GET', path: '/flags?limit=100', token: f.adminToken })).body.items.map((d: { key: string }) => d.key)).toContain(key('theme'));
    expect((await evaluate(f.memberToken))[key('theme')]).toEqual({ key: key('theme'), value: 'light', variant: 'light', reason: 'DEFAULT' });
  });

  it('a tenant override: plain value (STATIC), rules (TARGETING_MATCH) and rollout (SPLIT), only in that tenant', async () => {
    await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('beta'), type: 'boolean', defaultValue: false } });
    const plain = await api.request({ method: 'PUT', path: `/flag-overrides/${key('beta')}`, token: f.adminToken, body: { value: true } });
    expect(plain.status).toBe(201);
    expect((await evaluate(f.memberToken))[key('beta')]).toMatchObject({ value: true, reason: 'STATIC' });
    expect((await evaluate(other.memberToken))[key('beta')]).toMatchObject({ value: false, reason: 'DEFAULT' });

    const rules = await api.request({
      method: 'PUT', path: `/flag-overrides/${key('beta')}`, token: f.adminToken, headers: { 'if-match': '"1"' },
      body: { value: false, rules: [{ match: { roles: ['tenant_admin'] }, value: true }, { match: { emailDomains: ['partner.example'] }, value: true }], rollout: { percentage: 100, value: true } },
    });
    expect(rules.status).toBe(200);
    expect((await evaluate(f.adminToken))[key('beta')]).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect((await evaluate(f.memberToken))[key('beta')]).toMatchObject({ value: true, reason: 'SPLIT' });
    const partner = await t.token({ userId: `partner-${kind}`, tenantId: f.tenant.id, roles: ['viewer'], email: 'pat@partner.example' });
    expect((await evaluate(partner))[key('beta')]).toMatchObject({ reason: 'TARGETING_MATCH' });

    const list = await api.request({ method: 'GET', path: '/flag-overrides', token: f.adminToken });
    expect(list.body.items.map((o: { key: string }) => o.key)).toContain(key('beta'));
    expect((await api.request({ method: 'GET', path: '/flag-overrides', token: other.adminToken })).body.items.map((o: { key: string }) => o.key)).not.toContain(key('beta'));
    expect((await api.request({ method: 'DELETE', path: `/flag-overrides/${key('beta')}`, token: f.adminToken, headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect((await api.request({ method: 'DELETE', path: `/flag-overrides/${key('beta')}`, token: f.adminToken })).status).toBe(204);
    expect((await evaluate(f.adminToken))[key('beta')]).toMatchObject({ value: false, reason: 'DEFAULT' });
  });

  it('override inputs are checked: unknown flag 404, wrong type 422, unknown variant 422, empty 422, 400 paths, members 403', async () => {
    await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('limit'), type: 'number', defaultValue: 10, variants: { small: 5, large: 50 } } });
    const put = (body: unknown, token = f.adminToken, k = key('limit')) => api.request({ method: 'PUT', path: `/flag-overrides/${k}`, token, body });
    expect((await put({ value: 1 }, f.adminToken, key('no-such-flag'))).status).toBe(404);
    expect((await put({ value: 'many' })).body).toMatchObject({ code: 'flag_type_mismatch', field: 'body.value' });
    expect((await put({ rules: [{ match: { roles: ['member'] }, variant: 'huge' }] })).body).toMatchObject({ code: 'flag_type_mismatch', field: 'body.rules.0.variant' });
    expect((await put({})).body.code).toBe('rule_violation');
    expect((await put({ rules: [{ match: {}, value: 3 }] })).body.errors[0].path).toBe('body.rules.0.match');
    expect((await put({ value: 'many' })).body.flagType).toBe('number');
    expect((await put({ rollout: { percentage: 120, value: 3 } })).body.errors[0].path).toBe('body.rollout.percentage');
    expect((await put({ rules: [{ match: { roles: ['member'] }, variant: 'large' }] })).status).toBe(201);
    expect((await evaluate(f.memberToken))[key('limit')]).toMatchObject({ value: 50, variant: 'large', reason: 'TARGETING_MATCH' });
    expect((await put({ value: 3 }, f.memberToken)).body.code).toBe('permission_denied');
  });

  it('PATCH changes a definition under If-Match; disabled answers the default (DISABLED); DELETE leaves FLAG_NOT_FOUND', async () => {
    await api.request({ method: 'POST', path: '/flags', token: platform, body: { key: key('switch'), type: 'boolean', defaultValue: false } });
    await api.request({ method: 'PUT', path: `/flag-overrides/${key('switch')}`, token: f.adminToken, body: { value: true } });
    const off = await api.request({ method: 'PATCH', path: `/flags/${key('switch')}`, token: platform, headers: { 'if-match': '"1"' }, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect((await evaluate(f.memberToken))[key('switch')]).toMatchObject({ value: false, reason: 'DISABLED' });
    expect((await api.request({ method: 'PATCH', path: `/flags/${key('switch')}`, token: platform, headers: { 'if-match': '"1"' }, body: { enabled: true } })).status).toBe(412);
    expect((await api.request({ method: 'PATCH', path: `/flags/${key('switch')}`, token: platform, body: { type: 'string' } })).body.errors[0].path).toBe('body.type');
    expect((await api.request({ method: 'PATCH', path: `/flags/${key('switch')}`, token: platform, body: { defaultValue: 'yes' } })).body.code).toBe('flag_type_mismatch');
    expect((await api.request({ method: 'DELETE', path: `/flags/${key('switch')}`, token: f.adminToken })).status).toBe(403);
    expect((await api.request({ method: 'DELETE', path: `/flags/${key('switch')}`, token: platform })).status).toBe(204);
    expect((await evaluate(f.memberToken))[key('switch')]).toBeUndefined();
    const { flagService } = await import('../../services/index.js');
    const { systemContext } = await import('../../../../core/context.js');
    expect(await flagService(t.runtime).evaluate({ ...systemContext({ tenantId: f.tenant.id }), userId: 'u', roles: [] }, key('switch'))).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  });

  it('GET /flags/evaluate works without a tenant (defaults only) and needs no role', async () => {
    const lonely = await t.token({ userId: `lonely-${kind}`, roles: [] });
    const flags = await evaluate(lonely);
    expect(flags['fixture-flag']).toMatchObject({ value: false, reason: 'DEFAULT' });
    expect((await evaluate(f.nobodyToken))['fixture-flag']).toMatchObject({ value: true, reason: 'STATIC' });
  });
});
