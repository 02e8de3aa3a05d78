/**
 * Two tenants with an admin and a member each, a platform admin, and a caller whose role grants
 * nothing: enough people to test every permission and every cross-tenant path.
 */
import { systemContext } from '../../src/core/context.js';
import type { Tenant } from '../../src/domains/tenancy/models/tenant.js';
import { auth } from '../../src/domains/auth/services/index.js';
import { tenancy } from '../../src/domains/tenancy/services/index.js';
import { createFileLineage } from './files.js';
import { createPaymentRecords, type PaymentRecords } from './payments.js';
import type { TestRuntime } from './runtime.js';

export interface TenantFixture {
  tenant: Tenant;
  adminId: string;
  memberId: string;
  adminToken: string;
  memberToken: string;
  /** A caller inside the tenant whose only role grants no permission. */
  nobodyToken: string;
  /** A caller whose role's policy denies everything (`deny: ['*']`), baseline included. */
  lockedToken: string;
  /** A custom role of this tenant (no other tenant has it), an invitation and an API key. */
  customRole: string;
  invitationId: string;
  apiKeyId: string;
  apiKey: string;
  /** A platform flag this tenant overrides, and its published branding (version 1). */
  flagKey: string;
}

/** A platform-level flag every fixture tenant overrides. */
export const FIXTURE_FLAG = 'fixture-flag';

/** A tenant of the world also has a file lineage: an original and its main file, both uploaded. */
export type WorldTenant = TenantFixture & { files: { originalId: string; mainId: string }; payments: PaymentRecords };

export interface World {
  platformToken: string;
  a: WorldTenant;
  b: WorldTenant;
}

let counter = 0;

export const createTenantFixture = async (t: TestRuntime, label: string): Promise<TenantFixture> => {
  counter += 1;
  const slug = `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const services = tenancy(t.runtime);
  const adminId = `${slug}-admin`;
  const memberId = `${slug}-member`;
  const { tenant } = await services.tenants.create(systemContext(), { name: `Tenant ${label}`, slug, owner: { id: adminId, email: `admin@${slug}.example`, name: 'Admin' } });
  const inTenant = systemContext({ tenantId: tenant.id });
  await services.users.create(inTenant, { id: memberId, email: `member@${slug}.example`, name: 'Member', roles: ['member'] });
  const authServices = auth(t.runtime);
  const customRole = `role-${label}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  await authServices.policies.put(inTenant, customRole, { allow: ['users:read'], deny: [] }, undefined);
  await authServices.policies.put(inTenant, 'locked', { allow: [], deny: ['*'] }, undefined);
  const { invitation } = await authServices.invitations.create(inTenant, { email: `invitee@${slug}.example`, roles: ['member'] });
  const { apiKey, key } = await authServices.apiKeys.create(inTenant, { name: 'fixture', scopes: ['users:read'] });
  await services.flags.createDefinition(systemContext(), { key: FIXTURE_FLAG, type: 'boolean', defaultValue: false }).catch((error: { code?: string }) => {
    if (error.code !== 'already_exists') throw error;
  });
  await services.flags.putOverride(inTenant, FIXTURE_FLAG, { value: true }, undefined);
  await services.branding.putDraft(inTenant, { displayName: `Tenant ${label}` }, undefined);
  await services.branding.publish(inTenant, undefined);
  return {
    tenant,
    adminId,
    memberId,
    customRole,
    invitationId: invitation.id,
    apiKeyId: apiKey.id,
    apiKey: key,
    flagKey: FIXTURE_FLAG,
    lockedToken: await t.token({ userId: `${slug}-locked`, tenantId: tenant.id, roles: ['locked'] }),
    adminToken: await t.token({ userId: adminId, tenantId: tenant.id, roles: ['tenant_admin'], email: `admin@${slug}.example` }),
    memberToken: await t.token({ userId: memberId, tenantId: tenant.id, roles: ['member'], email: `member@${slug}.example` }),
    nobodyToken: await t.token({ userId: `${slug}-nobody`, tenantId: tenant.id, roles: ['nobody'] }),
  };
};

const worldTenant = async (t: TestRuntime, label: string): Promise<WorldTenant> => {
  const fixture = await createTenantFixture(t, label);
  return { ...fixture, files: await createFileLineage(t.runtime, fixture.tenant.id), payments: await createPaymentRecords(t.runtime, fixture.tenant.id) };
};

export const createWorld = async (t: TestRuntime): Promise<World> => ({
  platformToken: await t.token({ userId: 'root', roles: ['platform_admin'], email: 'root@platform.example' }),
  a: await worldTenant(t, 'a'),
  b: await worldTenant(t, 'b'),
});
