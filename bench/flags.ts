/**
 * Feature-flag evaluation: evaluations per second with a warm cache, and DynamoDB requests per
 * evaluation (targets: none when warm, at most two when cold). A fresh runtime (its own caches)
 * over the fixture's table, with a client that counts every request.
 */
import { systemContext } from '../src/core/context.js';
import { createRuntime } from '../src/core/runtime.js';
import { createDocumentClient } from '../src/core/store/client.js';
import { flagService } from '../src/domains/tenancy/services/index.js';
import { LOCAL_CREDENTIALS } from '../src/local/dynamodb-local.js';
import type { Fixture } from './lib/fixture.js';
import { attachRequestCounter } from './lib/request-counter.js';

export const COLD_REQUESTS_LIMIT = 2;
export const WARM_REQUESTS_LIMIT = 0;

export interface FlagsResult {
  flags: number;
  coldRequests: number;
  coldCalls: string[];
  warmEvaluations: number;
  warmRequests: number;
  warmSeconds: number;
  evaluationsPerSecond: number;
  evaluateAllMicros: number;
}

const FLAG_COUNT = 20;

export const measureFlags = async (world: Fixture, options: { evaluations: number }): Promise<FlagsResult> => {
  const admin = flagService(world.runtime);
  const platform = systemContext();
  const inTenant = systemContext({ tenantId: world.tenantId });
  const keys = Array.from({ length: FLAG_COUNT }, (_, i) => `bench-flag-${i}`);
  for (const [i, key] of keys.entries()) {
    await admin.createDefinition(platform, { key, type: 'boolean', defaultValue: false }).catch(() => undefined);
    // A mix of the evaluation paths: rules, a rollout, a plain value, and no override at all.
    if (i % 4 === 0) await admin.putOverride(inTenant, key, { rules: [{ match: { roles: ['tenant_admin'] }, value: true }], value: false }, undefined);
    if (i % 4 === 1) await admin.putOverride(inTenant, key, { rollout: { percentage: 30, value: true } }, undefined);
    if (i % 4 === 2) await admin.putOverride(inTenant, key, { value: true }, undefined);
  }

  const endpoint = world.runtime.config.dynamodb.endpoint as string;
  const client = createDocumentClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
  const counter = attachRequestCounter(client);
  const runtime = createRuntime({ config: world.runtime.config, client });
  const flags = flagService(runtime);
  const users = Array.from({ length: 1000 }, (_, i) => ({ ...inTenant, userId: `user-${i}`, roles: i % 10 === 0 ? ['tenant_admin'] : ['member'] }));

  await flags.evaluate(users[0] as (typeof users)[number], keys[0] as string);
  const coldCalls = [...counter.calls];
  const coldRequests = counter.attempts;
  counter.reset();

  const started = performance.now();
  for (let i = 0; i < options.evaluations; i++) {
    await flags.evaluate(users[i % users.length] as (typeof users)[number], keys[i % keys.length] as string);
  }
  const warmSeconds = (performance.now() - started) / 1000;
  const allStarted = performance.now();
  for (let i = 0; i < 1000; i++) await flags.evaluateAll({ ...(users[i % users.length] as (typeof users)[number]), grants: [{ source: 'bench', allow: ['flags:evaluate'], deny: [] }] });
  const evaluateAllMicros = ((performance.now() - allStarted) / 1000) * 1000;
  const warmRequests = counter.attempts;
  client.destroy();
  return {
    flags: FLAG_COUNT,
    coldRequests,
    coldCalls,
    warmEvaluations: options.evaluations,
    warmRequests,
    warmSeconds: Math.round(warmSeconds * 1000) / 1000,
    evaluationsPerSecond: Math.round(options.evaluations / warmSeconds),
    evaluateAllMicros: Math.round(evaluateAllMicros * 10) / 10,
  };
};
