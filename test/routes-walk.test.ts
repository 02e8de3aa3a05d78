/**
 * Walks every registered route (today's and every future one) and proves three things for each:
 * no credentials is a 401, a caller lacking the declared permission is a 403 naming it, and a
 * caller of tenant A can never reach tenant B's data (404 by id, nothing of B's in any answer,
 * and no way to switch tenants with X-Tenant-Id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, grantsFor } from '../src/core/access/policies.js';
import type { Route } from '../src/core/http/route.js';
import { apiRoutes } from '../src/routes.js';
import { createTransport, type ApiRequest, type Transport } from './support/http.js';
import { NAMESPACED_PARAMS, paramInTenantB, sampleBody } from './support/route-samples.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createWorld, type World } from './support/world.js';
import { systemContext } from '../src/core/context.js';
import { auth } from '../src/domains/auth/services/index.js';
import { tenancy } from '../src/domains/tenancy/services/index.js';
import { fileService } from '../src/domains/files/services/index.js';
import { payments } from '../src/domains/payments/services/index.js';

let t: TestRuntime;
let api: Transport;
let w: World;

beforeAll(async () => {
  t = await createTestRuntime();
  api = await createTransport('lambda', apiRoutes, t.runtime);
  w = await createWorld(t);
});
afterAll(() => api.close());

const guarded = apiRoutes.filter((r) => r.access === 'authenticated');
const label = (r: Route): string => `${r.method} ${r.path}`;

const requestFor = (route: Route, token: string | undefined, headers: Record<string, string> = {}): ApiRequest => {
  const path = route.path.replace(/\{([A-Za-z0-9]+)\}/g, (_, name: string) => {
    const value = paramInTenantB[name];
    if (value === undefined) throw new Error(`Add a value for path parameter {${name}} (${label(route)}) to test/support/route-samples.ts`);
    return encodeURIComponent(value(w));
  });
  let body: unknown;
  if (route.body !== undefined) {
    const sample = sampleBody[route.operationId];
    if (sample === undefined) throw new Error(`Add a sample body for ${route.operationId} (${label(route)}) to test/support/route-samples.ts`);
    body = sample(w);
  }
  return { method: route.method, path, ...(token === undefined ? {} : { token }), headers, ...(body === undefined ? {} : { body }) };
};

afterAll(async () => {
  // Whatever tenant A's admin sent, tenant B's records are as they were.
  const inB = systemContext({ tenantId: w.b.tenant.id });
  const services = auth(t.runtime);
  expect((await tenancy(t.runtime).tenants.get(inB, w.b.tenant.id)).version).toBe(w.b.tenant.version);
  expect((await tenancy(t.runtime).users.get(inB, w.b.memberId)).version).toBe(1);
  expect((await services.policies.get(inB, w.b.customRole)).version).toBe(1);
  expect((await services.invitations.get(inB, w.b.invitationId)).status).toBe('pending');
  expect((await services.apiKeys.get(inB, w.b.apiKeyId)).status).toBe('active');
  expect((await tenancy(t.runtime).branding.getPublished(inB)).number).toBe(1);
  expect((await tenancy(t.runtime).flags.evaluate({ ...inB, roles: [], userId: 'someone' }, w.b.flagKey)).value).toBe(true);
  const main = await fileService(t.runtime).get(inB, w.b.files.mainId);
  expect(main).toMatchObject({ version: 2, status: 'active', derivedFileCount: 0, name: 'fixture.bin' });
  expect(await fileService(t.runtime).get(inB, w.b.files.originalId)).toMatchObject({ status: 'active', mainFileId: main.id });
  expect((await fileService(t.runtime).list(inB, {})).items).toHaveLength(2);
  const money = payments(t.runtime);
  expect(await money.reads.billingAccount(inB, w.b.payments.billingAccountId)).toMatchObject({ version: 1, name: 'Fixture GmbH', status: 'active' });
  expect(await money.reads.paymentIntent(inB, w.b.payments.paymentIntentId)).toMatchObject({ status: 'succeeded', paymentId: w.b.payments.paymentId });
  expect(await money.payments.get(inB, w.b.payments.paymentId)).toMatchObject({ version: 1, refundedAmount: 1000, refundableAmount: 4000, refundCount: 1, refundIds: [w.b.payments.refundId] });
  expect(await money.reads.refund(inB, w.b.payments.refundId)).toMatchObject({ status: 'succeeded', amount: 1000 });
  expect((await money.payments.list(inB, {})).items).toHaveLength(1);
});

describe('every route', () => {
  it('is registered once, with a permission unless public', () => {
    expect(new Set(apiRoutes.map(label)).size).toBe(apiRoutes.length);
    for (const route of guarded) expect(route.permission, label(route)).toMatch(/^[a-z*]/);
  });

  it.each(guarded.map((r) => [label(r), r] as const))('%s: 401 without credentials', async (_, route) => {
    const res = await api.request(requestFor(route, undefined));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it.each(guarded.map((r) => [label(r), r] as const))('%s: 403 naming the permission for a role without it', async (_, route) => {
    if (route.tenant === 'ignored') {
      // No tenant policy applies here (the caller's tenant plays no part): the caller that lacks
      // the permission is an API key whose scopes do not include it.
      expect(route.permission).not.toBe('users:read');
      const keyed = await api.request({ ...requestFor(route, undefined), headers: { 'x-api-key': w.a.apiKey } });
      expect(keyed.status).toBe(403);
      expect(keyed.body).toMatchObject({ code: 'insufficient_scope', missingPermission: route.permission });
      return;
    }
    // A role whose policy denies everything: a deny wins over every allow, the baseline's included.
    const locked = await api.request(requestFor(route, w.a.lockedToken));
    expect(locked.status).toBe(403);
    expect(locked.body).toMatchObject({ code: 'permission_denied', missingPermission: route.permission, reason: 'denied' });
    // A role with no policy at all holds only the baseline.
    const nobody = await api.request(requestFor(route, w.a.nobodyToken));
    if (evaluate(grantsFor([]), route.permission as string).allowed) {
      expect(nobody.body?.code).not.toBe('permission_denied');
      return;
    }
    expect(nobody.status).toBe(403);
    expect(nobody.body).toMatchObject({ code: 'permission_denied', missingPermission: route.permission, reason: 'no_matching_rule' });
  });

  it.each(guarded.map((r) => [label(r), r] as const))('%s: tenant A cannot reach tenant B', async (_, route) => {
    const bIds = [w.b.tenant.id, w.b.memberId, w.b.adminId, w.b.tenant.slug];
    const adminMay = evaluate(grantsFor(['tenant_admin']), route.permission as string).allowed;
    const res = await api.request(requestFor(route, w.a.adminToken));
    // Ids name one tenant's items: B's are 404 to A. Names (roles) are per tenant: A reaches only its own.
    const byId = route.pathParams.length > 0 && route.pathParams.every((p) => !NAMESPACED_PARAMS.has(p));
    if (byId) expect(res.status).toBe(adminMay ? 404 : 403);
    // `instance` echoes the path the caller sent; everything else must hold nothing of B's.
    const answer = JSON.stringify({ ...res.body, instance: undefined });
    for (const id of bIds) expect(answer, `${label(route)} leaked ${id}`).not.toContain(id);
    if (res.status < 300 && res.body?.tenantId !== undefined) expect(res.body.tenantId).toBe(w.a.tenant.id);
    // Naming tenant B explicitly does not help either (routes that ignore the caller's tenant ignore the header too).
    if (route.tenant === 'ignored') return;
    const switched = await api.request(requestFor(route, w.a.adminToken, { 'x-tenant-id': w.b.tenant.id }));
    expect(switched.status).toBe(403);
    expect(switched.body.code).toBe('tenant_override_forbidden');
  });
});
