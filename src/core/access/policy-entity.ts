/**
 * AccessPolicy items: a tenant's own roles and its overrides of built-in ones. Declared in core
 * because every request's permission decision reads them; the auth domain manages them.
 * `assignedCount` counts the memberships holding a custom role, kept exact by atomic ADDs in the
 * same transactions that grant or remove the role, so that a role in use cannot be deleted.
 */
import * as z from 'zod/mini';
import { ItemMetaShape, doc } from '../schemas.js';
import { defineEntity } from '../store/entity.js';
import { PERMISSION_PATTERN, ROLE_PATTERN } from './permissions.js';

export const PermissionSchema = doc(z.string().check(z.regex(PERMISSION_PATTERN, { error: 'must be a permission such as users:read, users:* or *' })), {
  example: 'users:read',
});
export const RoleNameSchema = doc(z.string().check(z.regex(ROLE_PATTERN, { error: 'must be a role name (lower-case letters, digits, _ and -)' })), {
  example: 'support_agent',
});
export const PermissionListSchema = z.array(PermissionSchema).check(z.maxLength(100));

export const AccessPolicyDataSchema = z.object({
  tenantId: z.string(),
  role: RoleNameSchema,
  allow: PermissionListSchema,
  deny: PermissionListSchema,
  description: z.optional(z.string().check(z.maxLength(500))),
  assignedCount: z.int().check(z.minimum(0)),
});

export const StoredAccessPolicySchema = z.object({ ...AccessPolicyDataSchema.def.shape, ...ItemMetaShape });
export type StoredAccessPolicy = z.infer<typeof StoredAccessPolicySchema>;

export const accessPolicyEntity = defineEntity({
  name: 'AccessPolicy',
  schemaVersion: 1,
  scope: 'tenant',
  schema: AccessPolicyDataSchema,
  primary: { pk: 'T#{tenantId}#POLICY#{role}', sk: 'POLICY' },
  patterns: { byTenant: { index: 'gsi1', pk: 'T#{tenantId}#POLICIES', sk: '{role}' } },
});

/** A tenant may store at most this many policies (custom roles and built-in overrides together). */
export const MAX_TENANT_POLICIES = 100;
