/**
 * A race lost between a service's read and its conditional write is a 409 naming the current
 * version (a stale If-Match, by contrast, is a 412). The race is made deterministic: a client
 * middleware lets the service read, then changes the item before the service writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/core/context.js';
import { createRuntime } from '../src/core/runtime.js';
import { tenantEntity } from '../src/domains/tenancy/models/tenant.js';
import { userEntity } from '../src/domains/tenancy/models/user.js';
import { tenancyRoutes } from '../src/domains/tenancy/routes/index.js';
import { testClient } from './support/dynamo.js';
import { createTransport, type Transport, type TransportKind } from './support/http.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';
import { createTenantFixture, createWorld, type World } from './support/world.js';

describe.each<TransportKind>(['lambda', 'local-server'])('version races via %s', (kind) => {
  let t: TestRuntime;
  let api: Transport;
  let w: World;
  /** When set, runs once right after the next GetItem whose key starts with this prefix. */
  let interfere: { pkPrefix: string; run: () => Promise<unknown> } | undefined;

  beforeAll(async () => {
    t = await createTestRuntime();
    const client = testClient();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const key = (args.input as { Key?: { pk?: string } }).Key;
        const pending = interfere;
        if (context.commandName === 'GetItemCommand' && pending !== undefined && key?.pk?.startsWith(pending.pkPrefix) === true) {
          interfere = undefined;
          await pending.run();
        }
        return result;
      },
      { step: 'initialize', name: 'interfere' },
    );
    api = await createTransport(kind, tenancyRoutes, createRuntime({ config: t.config, client }));
    w = await createWorld(t);
  });
  afterAll(() => api.close());

  it('POST /tenants/{id}/suspend: another change lands after the read → 409 version_conflict with the current version', async () => {
    const f = await createTenantFixture(t, `race${kind}`);
    interfere = { pkPrefix: `P#TENANT#${f.tenant.id}`, run: () => t.runtime.store.update(systemContext(), tenantEntity, { id: f.tenant.id }, { name: 'Changed meanwhile' }) };
    const res = await api.request({ method: 'POST', path: `/tenants/${f.tenant.id}/suspend`, token: w.platformToken, body: { reason: 'race' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'version_conflict', currentVersion: 2, expectedVersion: 1 });
    const now = await api.request({ method: 'GET', path: `/tenants/${f.tenant.id}`, token: w.platformToken });
    expect(now.body).toMatchObject({ status: 'active', name: 'Changed meanwhile', version: 2 });
  });

  it('PATCH /users/{id} (activation reads first): a change after the read → 409; DELETE likewise', async () => {
    const ctx = systemContext({ tenantId: w.a.tenant.id });
    interfere = { pkPrefix: `T#${w.a.tenant.id}#USER#${w.a.memberId}`, run: () => t.runtime.store.update(ctx, userEntity, { id: w.a.memberId }, { name: 'Meanwhile' }) };
    const patch = await api.request({ method: 'PATCH', path: `/users/${w.a.memberId}`, token: w.a.adminToken, body: { status: 'active' } });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe('version_conflict');
    const before = (await api.request({ method: 'GET', path: `/users/${w.a.memberId}`, token: w.a.adminToken })).body.version as number;
    interfere = { pkPrefix: `T#${w.a.tenant.id}#USER#${w.a.memberId}`, run: () => t.runtime.store.update(ctx, userEntity, { id: w.a.memberId }, { name: 'Again' }) };
    const del = await api.request({ method: 'DELETE', path: `/users/${w.a.memberId}`, token: w.a.adminToken });
    expect(del.status).toBe(409);
    expect(del.body).toMatchObject({ code: 'version_conflict', currentVersion: before + 1 });
    expect((await api.request({ method: 'GET', path: `/users/${w.a.memberId}`, token: w.a.adminToken })).body.status).not.toBe('disabled');
  });
});
