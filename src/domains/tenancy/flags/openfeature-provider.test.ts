/** The OpenFeature provider, used through the real OpenFeature client. */
import { OpenFeature } from '@openfeature/server-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { createTenantFixture, type TenantFixture } from '../../../../test/support/world.js';
import { flagService } from '../services/index.js';
import { GeekCafeFlagProvider, evaluationContextOf } from './openfeature-provider.js';

let t: TestRuntime;
let f: TenantFixture;

beforeAll(async () => {
  t = await createTestRuntime();
  f = await createTenantFixture(t, 'of');
  const flags = flagService(t.runtime);
  const platform = systemContext();
  await flags.createDefinition(platform, { key: 'checkout.v2', type: 'boolean', defaultValue: false });
  await flags.createDefinition(platform, { key: 'banner', type: 'string', defaultValue: 'none', variants: { none: 'none', promo: 'spring-sale' } });
  await flags.createDefinition(platform, { key: 'page-size', type: 'number', defaultValue: 20 });
  await flags.createDefinition(platform, { key: 'limits', type: 'json', defaultValue: { seats: 5 } });
  const inTenant = systemContext({ tenantId: f.tenant.id });
  await flags.putOverride(inTenant, 'checkout.v2', { rules: [{ match: { roles: ['tenant_admin'] }, value: true }] }, undefined);
  await flags.putOverride(inTenant, 'banner', { rollout: { percentage: 100, variant: 'promo' } }, undefined);
  await OpenFeature.setProviderAndWait(new GeekCafeFlagProvider(t.runtime));
});

describe('OpenFeature provider', () => {
  it('answers typed evaluations with OpenFeature reasons and variants', async () => {
    const client = OpenFeature.getClient();
    const admin = { targetingKey: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'] };
    const member = { targetingKey: f.memberId, tenantId: f.tenant.id, roles: ['member'] };
    expect(await client.getBooleanDetails('checkout.v2', false, admin)).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect(await client.getBooleanDetails('checkout.v2', false, member)).toMatchObject({ value: false, reason: 'DEFAULT' });
    expect(await client.getStringDetails('banner', 'x', member)).toMatchObject({ value: 'spring-sale', variant: 'promo', reason: 'SPLIT' });
    expect(await client.getNumberValue('page-size', 10, member)).toBe(20);
    expect(await client.getObjectValue('limits', {}, member)).toEqual({ seats: 5 });
  });
  it('reports FLAG_NOT_FOUND and TYPE_MISMATCH with the caller\'s default', async () => {
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails('no-such-flag', true, { targetingKey: 'u' })).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    expect(await client.getNumberDetails('banner', 7, { targetingKey: 'u' })).toMatchObject({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
  });
  it('builds the evaluation context from a RequestContext', async () => {
    const ctx = { ...systemContext({ tenantId: f.tenant.id }), userId: f.adminId, roles: ['tenant_admin'], email: 'a@b.example' };
    expect(evaluationContextOf(ctx)).toEqual({ targetingKey: f.adminId, tenantId: f.tenant.id, roles: ['tenant_admin'], email: 'a@b.example' });
    expect(await OpenFeature.getClient().getBooleanValue('checkout.v2', false, evaluationContextOf(ctx))).toBe(true);
  });
});
