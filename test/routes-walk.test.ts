/**
 * Walks every registered route (today's and every future one) and proves three things for each:
 * no credentials is a 401, a caller lacking the declared permission is a 403 naming it, and a
 * caller of tenant A can never reach tenant B's data (404 by id, nothing of B's in any answer,
 * and no way to switch tenants with X-Tenant-Id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_PERMISSIONS, hasPermission, permissionsForRoles } from '../src/core/access/permissions.js';
import type { Route } from '../src/core/http/route.js';
import { apiRoutes } from '../src/routes.js';
import { createTransport, type ApiRequest, type Transport } from './support/http.js';
import { paramInTenantB, sampleBody } from './support/route-samples.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createWorld, type World } from './support/world.js';

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
    const res = await api.request(requestFor(route, w.a.nobodyToken));
    if (hasPermission(BASELINE_PERMISSIONS, route.permission as string)) {
      // Every signed-in person holds the baseline (GET /me): no role lacks it.
      expect(res.status).toBe(200);
      return;
    }
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'permission_denied', missingPermission: route.permission });
  });

  it.each(guarded.map((r) => [label(r), r] as const))('%s: tenant A cannot reach tenant B', async (_, route) => {
    const bIds = [w.b.tenant.id, w.b.memberId, w.b.adminId, w.b.tenant.slug];
    const adminMay = hasPermission(permissionsForRoles(['tenant_admin']), route.permission as string);
    const res = await api.request(requestFor(route, w.a.adminToken));
    if (route.pathParams.length > 0) expect(res.status).toBe(adminMay ? 404 : 403);
    // `instance` echoes the path the caller sent; everything else must hold nothing of B's.
    const answer = JSON.stringify({ ...res.body, instance: undefined });
    for (const id of bIds) expect(answer, `${label(route)} leaked ${id}`).not.toContain(id);
    if (res.status < 300 && res.body?.tenantId !== undefined) expect(res.body.tenantId).toBe(w.a.tenant.id);
    // Naming tenant B explicitly does not help either.
    const switched = await api.request(requestFor(route, w.a.adminToken, { 'x-tenant-id': w.b.tenant.id }));
    expect(switched.status).toBe(403);
    expect(switched.body.code).toBe('tenant_override_forbidden');
  });
});
