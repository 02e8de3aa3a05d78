/**
 * Target 3, DynamoDB requests per operation: with the token and access caches warm (as in a warm
 * Lambda), each of these must cost exactly one request to DynamoDB. A second request (a read
 * before a write, an extra tenant check) is latency and cost on every call, so it is counted here.
 */
import { createLambdaHandler } from '../src/core/http/lambda.js';
import type { Route } from '../src/core/http/route.js';
import { createUserRoute } from '../src/domains/tenancy/routes/users/create-user.js';
import { getUserRoute } from '../src/domains/tenancy/routes/users/get-user.js';
import { listUsersRoute } from '../src/domains/tenancy/routes/users/list-users.js';
import { updateUserRoute } from '../src/domains/tenancy/routes/users/update-user.js';
import { gatewayEvent, lambdaContext, type EventInput } from './lib/event.js';
import type { Fixture } from './lib/fixture.js';
import { attachRequestCounter } from './lib/request-counter.js';

export const REQUESTS_LIMIT = 1;

export interface RequestCount {
  operation: string;
  status: number;
  expectedStatus: number;
  /** HTTP requests that reached DynamoDB (the target). */
  requests: number;
  /** `send` calls, by operation name. */
  calls: string[];
}

export const countRequests = async (fixture: Fixture): Promise<RequestCount[]> => {
  const { runtime, memberId, token } = fixture;
  const handlerOf = (route: Route) => createLambdaHandler([route], { runtime });
  const getUser = handlerOf(getUserRoute);
  const counter = attachRequestCounter(runtime.client);
  const results: RequestCount[] = [];
  const run = async (operation: string, route: Route, input: Omit<EventInput, 'token'>, expected: number) => {
    counter.reset();
    const result = await handlerOf(route)(gatewayEvent({ ...input, token }), lambdaContext(route.operationId));
    results.push({ operation, status: result.statusCode, expectedStatus: expected, requests: counter.attempts, calls: [...counter.calls] });
    // A failed operation is reported (and judged a MISS by the caller), not thrown: the other counts still tell something.
    if (result.statusCode !== expected) process.stderr.write(`${operation} answered ${result.statusCode} (expected ${expected}): ${result.body ?? ''}\n`);
    return result;
  };
  try {
    // Warm the caches the way a warm Lambda has them: one request by this caller first.
    const warm = await getUser(gatewayEvent({ method: 'GET', path: `/users/${memberId}`, token }), lambdaContext('warm-up'));
    if (warm.statusCode !== 200) throw new Error(`Warm-up GET answered ${warm.statusCode}: ${warm.body ?? ''}`);

    const read = await run(`GET /users/{id}`, getUserRoute, { method: 'GET', path: `/users/${memberId}` }, 200);
    await run('GET /users?limit=20', listUsersRoute, { method: 'GET', path: '/users', query: { limit: '20' } }, 200);
    const suffix = Date.now().toString(36);
    await run('POST /users', createUserRoute, {
      method: 'POST',
      path: '/users',
      body: { email: `new-${suffix}@bench.example`, name: 'New Member', roles: ['member'] },
    }, 201);
    // If-Match carries the ETag just read, as a client doing read-modify-write would send it.
    // Without one (the GET failed) a stale ETag is sent: the PATCH then fails and is reported as such.
    const etag = read.headers?.['etag'] ?? '"0"';
    await run('PATCH /users/{id} (If-Match)', updateUserRoute, {
      method: 'PATCH',
      path: `/users/${memberId}`,
      body: { name: `Renamed ${suffix}` },
      headers: { 'if-match': etag },
    }, 200);
  } finally {
    counter.detach();
  }
  return results;
};
