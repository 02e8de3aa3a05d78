/** Flag evaluation is cached per process: no DynamoDB request when warm, at most two when cold. */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { createRuntime } from '../../../core/runtime.js';
import { testClient } from '../../../../test/support/dynamo.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { flagService } from './index.js';

let t: TestRuntime;
let f: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime();
  f = await createTenantFixture(t, 'fc');
});

const counted = () => {
  const client = testClient();
  const calls: string[] = [];
  client.middlewareStack.add((next, context) => async (args) => {
    calls.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize', name: 'count' });
  return { runtime: createRuntime({ config: t.config, client }), calls };
};

describe('flag cache', () => {
  it('cold: at most two requests (definitions, overrides); warm: none; a change in this process applies at once', async () => {
    const { runtime, calls } = counted();
    const flags = flagService(runtime);
    const ctx = { ...systemContext({ tenantId: f.tenant.id }), userId: 'u1', roles: ['member'] };
    expect((await flags.evaluate(ctx, f.flagKey)).value).toBe(true);
    expect(calls).toEqual(['QueryCommand', 'QueryCommand']);
    calls.length = 0;
    for (let i = 0; i < 100; i++) await flags.evaluate(ctx, f.flagKey);
    expect(await flags.isFeatureEnabled(ctx, f.flagKey)).toBe(true);
    expect(calls).toEqual([]);
    await flags.putOverride(systemContext({ tenantId: f.tenant.id }), f.flagKey, { value: false }, undefined);
    expect((await flags.evaluate(ctx, f.flagKey)).value).toBe(false);
    await flags.deleteOverride(systemContext({ tenantId: f.tenant.id }), f.flagKey, undefined);
  });
  it('another process sees a change after the TTL (30 s by default)', async () => {
    const a = flagService(createRuntime({ config: t.config, client: t.table.client, clock: t.runtime.clock }));
    const { fixedClock } = await import('../../../core/clock.js');
    const clock = fixedClock(new Date());
    const b = flagService(createRuntime({ config: t.config, client: t.table.client, clock }));
    const ctx = { ...systemContext({ tenantId: f.tenant.id }), userId: 'u1', roles: [] };
    await a.putOverride(systemContext({ tenantId: f.tenant.id }), f.flagKey, { value: true }, undefined);
    expect((await b.evaluate(ctx, f.flagKey)).value).toBe(true);
    await a.putOverride(systemContext({ tenantId: f.tenant.id }), f.flagKey, { value: false }, undefined);
    expect((await b.evaluate(ctx, f.flagKey)).value).toBe(true);
    clock.advance(31_000);
    expect((await b.evaluate(ctx, f.flagKey)).value).toBe(false);
  });
});
