/**
 * Who the caller is inside a tenant: the tenant's status (suspended tenants are shut out), its
 * access policies, and the caller's membership (a disabled member is shut out; a member's stored
 * roles are the ones that count). A cold lookup is one BatchGetItem plus, per tenant, one Query
 * of its policies; both are cached per process for a short TTL, so a warm request costs no
 * DynamoDB call at all. Changes made in this process invalidate at once.
 *
 * The tenant registry and membership keys are declared here, in core, because every domain's
 * requests depend on them; the tenancy domain's Tenant and User entities are built on the same keys.
 */
import * as z from 'zod/mini';
import type { Clock } from '../clock.js';
import { systemContext } from '../context.js';
import { defineEntity } from '../store/entity.js';
import type { Store } from '../store/store.js';
import { MAX_TENANT_POLICIES, accessPolicyEntity } from './policy-entity.js';
import type { PolicyRules } from './policies.js';

/** The tenant registry entry (platform-level). */
export const TENANT_PRIMARY_KEY = { pk: 'P#TENANT#{id}', sk: 'TENANT' } as const;
/** A person's membership in a tenant. */
export const MEMBERSHIP_PRIMARY_KEY = { pk: 'T#{tenantId}#USER#{id}', sk: 'USER' } as const;

const tenantStatusView = defineEntity({
  name: 'Tenant',
  schemaVersion: 1,
  scope: 'platform',
  schema: z.object({ id: z.string(), status: z.string(), statusReason: z.optional(z.string()) }),
  primary: TENANT_PRIMARY_KEY,
});

const membershipView = defineEntity({
  name: 'User',
  schemaVersion: 1,
  scope: 'tenant',
  schema: z.object({ tenantId: z.string(), id: z.string(), status: z.string(), roles: z.array(z.string()) }),
  primary: MEMBERSHIP_PRIMARY_KEY,
});

export interface TenantStatus {
  id: string;
  status: string;
  statusReason?: string;
}

export interface Membership {
  status: string;
  roles: string[];
}

export interface AccessEntry {
  tenant: TenantStatus | undefined;
  membership: Membership | undefined;
  /** The tenant's own policies (custom roles and overrides of built-in ones), by role. */
  policies: ReadonlyMap<string, PolicyRules>;
}

export interface AccessDirectory {
  /** Without a userId (an API key), only the tenant's part is read. */
  lookup(tenantId: string, userId: string | undefined): Promise<AccessEntry>;
  invalidateTenant(tenantId: string): void;
  invalidateMember(tenantId: string, userId: string): void;
}

const MAX_ENTRIES = 10_000;

interface TenantPart {
  tenant: TenantStatus | undefined;
  policies: ReadonlyMap<string, PolicyRules>;
}

/** A bounded map whose entries expire: the oldest entry goes when it is full. */
const ttlCache = <V>(ttlMs: number, now: () => number) => {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key: string): V | undefined {
      const hit = entries.get(key);
      return hit !== undefined && hit.expiresAt > now() ? hit.value : undefined;
    },
    set(key: string, value: V): void {
      if (ttlMs <= 0) return;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    delete(key: string): void {
      entries.delete(key);
    },
    deleteWhere(match: (key: string) => boolean): void {
      for (const key of entries.keys()) if (match(key)) entries.delete(key);
    },
  };
};

export const createAccessDirectory = (store: Store, clock: Clock, ttlSeconds: number): AccessDirectory => {
  const now = () => clock.now().getTime();
  const tenants = ttlCache<TenantPart>(ttlSeconds * 1000, now);
  const members = ttlCache<{ membership: Membership | undefined }>(ttlSeconds * 1000, now);
  const memberKey = (tenantId: string, userId: string): string => `${tenantId}\u0000${userId}`;

  const loadPolicies = async (tenantId: string): Promise<Map<string, PolicyRules>> => {
    const stored = await store.queryAll(systemContext({ tenantId }), accessPolicyEntity, 'byTenant', {}, { limit: MAX_TENANT_POLICIES });
    return new Map(stored.map((p): [string, PolicyRules] => [p.role, { allow: p.allow, deny: p.deny }]));
  };

  return {
    async lookup(tenantId, userId) {
      const cachedTenant = tenants.get(tenantId);
      const cachedMember = userId === undefined ? { membership: undefined } : members.get(memberKey(tenantId, userId));
      if (cachedTenant !== undefined && cachedMember !== undefined) return { ...cachedTenant, ...cachedMember };
      // What is missing is read at once: one BatchGetItem (tenant, membership) and, for a tenant
      // not in the cache, one Query of its policies, in parallel.
      const reads: Array<{ entity: typeof tenantStatusView | typeof membershipView; key: Record<string, unknown> }> = [];
      if (cachedTenant === undefined) reads.push({ entity: tenantStatusView, key: { id: tenantId } });
      if (cachedMember === undefined) reads.push({ entity: membershipView, key: { id: userId } });
      const [items, policies] = await Promise.all([
        store.batchGet(systemContext({ tenantId }), reads),
        cachedTenant === undefined ? loadPolicies(tenantId) : Promise.resolve(undefined),
      ]);
      let tenantPart = cachedTenant;
      let memberPart = cachedMember;
      let index = 0;
      if (tenantPart === undefined) {
        const tenant = items[index++];
        tenantPart = {
          tenant: tenant === undefined ? undefined : { id: String(tenant['id']), status: String(tenant['status']), ...(tenant['statusReason'] === undefined ? {} : { statusReason: String(tenant['statusReason']) }) },
          policies: policies ?? new Map(),
        };
        tenants.set(tenantId, tenantPart);
      }
      if (memberPart === undefined) {
        const membership = items[index];
        memberPart = { membership: membership === undefined ? undefined : { status: String(membership['status']), roles: (membership['roles'] as string[] | undefined) ?? [] } };
        members.set(memberKey(tenantId, userId as string), memberPart);
      }
      return { ...tenantPart, ...memberPart };
    },
    invalidateTenant(tenantId) {
      tenants.delete(tenantId);
      members.deleteWhere((key) => key.startsWith(`${tenantId}\u0000`));
    },
    invalidateMember(tenantId, userId) {
      members.delete(memberKey(tenantId, userId));
    },
  };
};
