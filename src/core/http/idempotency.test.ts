/** Idempotency-Key on POST, through the Lambda handler, against DynamoDB Local. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type Transport } from '../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../test/support/world.js';
import { tenancyRoutes } from '../../domains/tenancy/routes/index.js';
import { userEntity } from '../../domains/tenancy/models/user.js';
import { fixedClock } from '../clock.js';
import { systemContext } from '../context.js';
import { defineRoute, json } from './route.js';
import * as z from 'zod/mini';

const clock = fixedClock('2026-11-24T08:00:00.000Z');
let t: TestRuntime;
let api: Transport;
let f: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime({ clock });
  api = await createTransport('lambda', tenancyRoutes, t.runtime);
  f = await createTenantFixture(t, 'idem');
});

const post = (key: string, body: Record<string, unknown>) =>
  api.request({ method: 'POST', path: '/users', token: f.adminToken, headers: { 'idempotency-key': key }, body });

const countUsers = async (email: string): Promise<number> => {
  const page = await t.runtime.store.query(systemContext({ tenantId: f.tenant.id }), userEntity, 'byTenant', {}, { limit: 100 });
  return page.items.filter((u) => u.email === email).length;
};

describe('Idempotency-Key', () => {
  it('50 concurrent POSTs with one key create exactly one user; each answer is that 201 or 409 request_in_progress', async () => {
    const body = { email: 'once@example.com', name: 'Once', roles: ['member'] };
    const results = await Promise.all(Array.from({ length: 50 }, () => post('key-concurrent', body)));
    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of busy) expect(r.body.code).toBe('request_in_progress');
    expect(await countUsers('once@example.com')).toBe(1);

    const replay = await post('key-concurrent', body);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(created[0]?.body);
    expect(replay.headers['etag']).toBe(created[0]?.headers['etag']);
    expect(replay.headers['location']).toBe(created[0]?.headers['location']);
  });

  it('the same key with a different body is 422; key order in the body does not matter', async () => {
    const body = { email: 'order@example.com', name: 'Order', roles: ['member'] };
    expect((await post('key-body', body)).status).toBe(201);
    const reordered = await post('key-body', { roles: ['member'], name: 'Order', email: 'order@example.com' });
    expect(reordered.status).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    const other = await post('key-body', { ...body, name: 'Changed' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('replays a rule violation too, but not a transient conflict', async () => {
    const refused = await post('key-422', { email: 'x@example.com', name: 'X', roles: ['platform_admin'] });
    expect(refused.status).toBe(422);
    const again = await post('key-422', { email: 'x@example.com', name: 'X', roles: ['platform_admin'] });
    expect(again.status).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // A 409 (email taken) releases the key: after the clash is gone, the same key succeeds.
    await post('key-clash-setup', { email: 'clash@example.com', name: 'First', roles: ['member'] });
    const clash = await post('key-clash', { email: 'clash@example.com', name: 'Second', roles: ['member'] });
    expect(clash.status).toBe(409);
    expect(clash.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keys are per caller: another user may use the same key', async () => {
    await post('shared-key', { email: 'mine@example.com', name: 'Mine', roles: ['member'] });
    const other = await api.request({ method: 'POST', path: '/users', token: f.memberToken, headers: { 'idempotency-key': 'shared-key' }, body: { email: 'theirs@example.com', name: 'T', roles: ['member'] } });
    expect(other.status).toBe(403);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });

  it('records expire after 24 h (checked in code): the key then runs afresh', async () => {
    const body = { email: 'expiry@example.com', name: 'Expiry', roles: ['member'] };
    const first = await post('key-expiry', body);
    expect(first.status).toBe(201);
    clock.advance(23 * 3600 * 1000);
    expect((await post('key-expiry', body)).headers['idempotent-replayed']).toBe('true');
    clock.advance(2 * 3600 * 1000);
    const late = await post('key-expiry', body);
    // Run again: the email is now taken, which proves the handler ran rather than a replay.
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('unique_violation');
    expect(late.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a duplicate while the first is still running is 409 request_in_progress; after it ends, the replay', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let runs = 0;
    const slow = defineRoute({
      method: 'POST', path: '/slow', operationId: 'slow', summary: 'slow', tags: ['test'], permission: 'users:create',
      body: z.object({ n: z.int() }),
      responses: { 201: { description: 'done' } },
      handler: async ({ body }) => {
        runs += 1;
        entered();
        await new Promise<void>((resolve) => (release = resolve));
        return json(201, { n: body.n, runs });
      },
    });
    const slowApi = await createTransport('lambda', [slow], t.runtime);
    const call = () => slowApi.request({ method: 'POST', path: '/slow', token: f.adminToken, headers: { 'idempotency-key': 'slow-1' }, body: { n: 1 } });
    const first = call();
    await inside;
    const duplicate = await call();
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('request_in_progress');
    expect(duplicate.headers['retry-after']).toBe('1');
    release();
    expect((await first).body).toEqual({ n: 1, runs: 1 });
    const replay = await call();
    expect(replay.body).toEqual({ n: 1, runs: 1 });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(1);
  });

  it('a run that never finished stops blocking its key once its lock expires', async () => {
    let runs = 0;
    const hang = defineRoute({
      method: 'POST', path: '/hang', operationId: 'hang', summary: 'hang', tags: ['test'], permission: 'users:create',
      body: z.object({}),
      responses: { 201: { description: 'done' } },
      handler: async () => {
        runs += 1;
        if (runs === 1) await new Promise(() => undefined); // the first run "crashes": it never ends
        return json(201, { runs });
      },
    });
    const hangApi = await createTransport('lambda', [hang], t.runtime);
    const call = () => hangApi.request({ method: 'POST', path: '/hang', token: f.adminToken, headers: { 'idempotency-key': 'hang-1' }, body: {} });
    void call();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call()).status).toBe(409);
    clock.advance(61_000);
    const taken = await call();
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ runs: 2 });
  });

  it('rejects a malformed key with 400', async () => {
    const res = await post('bad key with spaces', { email: 'k@example.com', name: 'K', roles: ['member'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_idempotency_key');
  });
});
