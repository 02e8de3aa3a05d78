/**
 * Who the caller is inside a tenant: the tenant's status (suspended tenants are shut out) and
 * the caller's membership (a disabled member is shut out; a member's stored roles are the ones
 * that count). Both are read in one BatchGetItem and cached per process for a short TTL, so a
 * warm request costs no extra DynamoDB call; changes made in this process invalidate at once.
 *
 * The tenant registry and membership keys are declared here, in core, because every domain's
 * requests depend on them; the tenancy domain's Tenant and User entities are built on the same keys.
 */
import * as z from 'zod/mini';
import type { Clock } from '../clock.js';
import { systemContext } from '../context.js';
import { defineEntity } from '../store/entity.js';
import type { Store } from '../store/store.js';

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
}

export interface AccessDirectory {
  lookup(tenantId: string, userId: string): Promise<AccessEntry>;
  invalidateTenant(tenantId: string): void;
  invalidateMember(tenantId: string, userId: string): void;
}

const MAX_ENTRIES = 10_000;

export const createAccessDirectory = (store: Store, clock: Clock, ttlSeconds: number): AccessDirectory => {
  const cache = new Map<string, { entry: AccessEntry; expiresAt: number }>();
  const keyOf = (tenantId: string, userId: string): string => `${tenantId}\u0000${userId}`;
  return {
    async lookup(tenantId, userId) {
      const key = keyOf(tenantId, userId);
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit !== undefined && hit.expiresAt > now) return hit.entry;
      const [tenant, membership] = await store.batchGet(systemContext({ tenantId }), [
        { entity: tenantStatusView, key: { id: tenantId } },
        { entity: membershipView, key: { id: userId } },
      ]);
      const entry: AccessEntry = {
        tenant: tenant === undefined ? undefined : { id: String(tenant['id']), status: String(tenant['status']), ...(tenant['statusReason'] === undefined ? {} : { statusReason: String(tenant['statusReason']) }) },
        membership: membership === undefined ? undefined : { status: String(membership['status']), roles: (membership['roles'] as string[] | undefined) ?? [] },
      };
      if (ttlSeconds > 0) {
        if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
        cache.set(key, { entry, expiresAt: now + ttlSeconds * 1000 });
      }
      return entry;
    },
    invalidateTenant(tenantId) {
      const prefix = `${tenantId}\u0000`;
      for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
    },
    invalidateMember(tenantId, userId) {
      cache.delete(keyOf(tenantId, userId));
    },
  };
};
