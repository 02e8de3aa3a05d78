/**
 * DynamoDB Local never throttles and is always reachable, so faults are injected: an SDK
 * middleware that fails requests inside the retry loop, and a client pointed at a closed port.
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, type Transport } from '../../../test/support/http.js';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../test/support/world.js';
import { testClient } from '../../../test/support/dynamo.js';
import { freePort } from '../../local/ports.js';
import { healthRoute } from '../http/health-route.js';
import { tenancyRoutes } from '../../domains/tenancy/routes/index.js';
import { createRuntime } from '../runtime.js';
import { createDocumentClient } from './client.js';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local.js';
import { widgetEntity } from '../../../test/support/widget.js';
import { systemContext } from '../context.js';
import { newId } from '../ids.js';

let t: TestRuntime;
let f: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime();
  f = await createTenantFixture(t, 'faults');
});

/** Fails the next `count` attempts (each retry is an attempt) with a throttling error. */
const throttle = (client: ReturnType<typeof testClient>) => {
  const state = { remaining: 0, attempts: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      state.attempts += 1;
      if (state.remaining > 0) {
        state.remaining -= 1;
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
          name: 'ProvisionedThroughputExceededException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          $retryable: { throttling: true },
        });
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'injectThrottling' },
  );
  return state;
};

describe('throttling', () => {
  let api: Transport;
  let state: { remaining: number; attempts: number };
  beforeAll(async () => {
    const client = testClient({ maxAttempts: 3 });
    state = throttle(client);
    const runtime = createRuntime({ config: t.config, client });
    api = await createTransport('lambda', tenancyRoutes, runtime);
  });
  afterAll(() => api.close());

  it('is retried with backoff: two throttled attempts, then the request succeeds', async () => {
    // Warm the access cache so that the only call is the GetItem under test.
    await api.request({ method: 'GET', path: `/users/${f.memberId}`, token: f.adminToken });
    state.attempts = 0;
    state.remaining = 2;
    const res = await api.request({ method: 'GET', path: `/users/${f.memberId}`, token: f.adminToken });
    expect(res.status).toBe(200);
    expect(state.attempts).toBe(3);
  });

  it('becomes a 503 with Retry-After once the retries are spent, and nothing is half-written', async () => {
    state.remaining = 100;
    const res = await api.request({ method: 'POST', path: '/users', token: f.adminToken, body: { email: 'throttled@example.com', name: 'T', roles: ['member'] } });
    state.remaining = 0;
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.code).toBe('store_unavailable');
    const list = await api.request({ method: 'GET', path: '/users?limit=100', token: f.adminToken });
    expect(list.body.items.map((u: { email: string }) => u.email)).not.toContain('throttled@example.com');
  });
});

/** Cancels the next `count` transactions as DynamoDB does when another one holds the same item. */
const conflict = (client: ReturnType<typeof testClient>) => {
  const state = { remaining: 0, attempts: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' && context.commandName !== 'TransactWriteCommand') return next(args);
      state.attempts += 1;
      if (state.remaining > 0) {
        state.remaining -= 1;
        throw Object.assign(new Error('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]'), {
          name: 'TransactionCanceledException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectTransactionConflict' },
  );
  return state;
};

describe('transaction conflicts', () => {
  let state: { remaining: number; attempts: number };
  let runtime: ReturnType<typeof createRuntime>;
  const ctx = () => systemContext({ tenantId: f.tenant.id });
  beforeAll(() => {
    const client = testClient();
    state = conflict(client);
    runtime = createRuntime({ config: t.config, client });
  });

  it('are re-sent: a transaction cancelled twice for a conflict is written on the third attempt', async () => {
    state.attempts = 0;
    state.remaining = 2;
    const data = { tenantId: f.tenant.id, id: newId(), name: 'Gear', code: `c-${newId()}`, status: 'draft' as const };
    await runtime.store.create(ctx(), widgetEntity, data);
    expect(state.attempts).toBe(3);
    expect(await runtime.store.get(ctx(), widgetEntity, { id: data.id })).toMatchObject({ code: data.code, version: 1 });
  });

  it('become a 409 transaction_conflict once the attempts are spent, having written nothing', async () => {
    state.attempts = 0;
    state.remaining = 100;
    const data = { tenantId: f.tenant.id, id: newId(), name: 'Gear', code: `c-${newId()}`, status: 'draft' as const };
    await expect(runtime.store.create(ctx(), widgetEntity, data)).rejects.toMatchObject({ status: 409, code: 'transaction_conflict' });
    state.remaining = 0;
    expect(state.attempts).toBe(8);
    expect(await runtime.store.get(ctx(), widgetEntity, { id: data.id })).toBeUndefined();
  });
});

describe('a store that accepts connections but never answers', () => {
  it('times out into a 503 instead of hanging the request', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const client = createDocumentClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: LOCAL_CREDENTIALS, maxAttempts: 2, connectTimeoutMs: 200, requestTimeoutMs: 300 });
    const api = await createTransport('lambda', [healthRoute], createRuntime({ config: t.config, client }));
    const started = Date.now();
    const health = await api.request({ method: 'GET', path: '/health' });
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toBeDefined();
    expect(Date.now() - started).toBeLessThan(5000);
    client.destroy();
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
});

describe('an unreachable store', () => {
  it('answers 503 with Retry-After, no stack trace', async () => {
    const port = await freePort();
    const client = createDocumentClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: LOCAL_CREDENTIALS, maxAttempts: 2, connectTimeoutMs: 200, requestTimeoutMs: 500 });
    const runtime = createRuntime({ config: t.config, client });
    const api = await createTransport('lambda', [healthRoute, ...tenancyRoutes], runtime);
    const health = await api.request({ method: 'GET', path: '/health' });
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toBe('2');
    expect(health.body).toMatchObject({ code: 'store_unavailable', reason: 'unreachable' });
    expect(health.text).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    const users = await api.request({ method: 'GET', path: '/users', token: f.adminToken });
    expect(users.status).toBe(503);
    client.destroy();
  });
});
