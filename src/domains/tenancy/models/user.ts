/**
 * User: a person's membership in one tenant. Its id is the person's identity subject (the JWT
 * `sub`) so that a signed-in caller finds their membership by key; the email is unique within
 * the tenant through a guard item, stored lower-cased.
 */
import * as z from 'zod/mini';
import { MEMBERSHIP_PRIMARY_KEY } from '../../../core/access/directory.js';
import { ROLE_PATTERN } from '../../../core/access/permissions.js';
import { EmailSchema, IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const RoleSchema = doc(z.string().check(z.regex(ROLE_PATTERN, { error: 'must be a role name (lower-case letters, digits, _ and -)' })), {
  example: 'member',
});
export const RolesSchema = z.array(RoleSchema).check(z.minLength(1), z.maxLength(20));
export const UserNameSchema = trimmedText(1, 120);

export const UserDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  email: EmailSchema,
  name: UserNameSchema,
  roles: RolesSchema,
  status: z.enum(USER_STATUSES),
  lastSeenAt: z.optional(TimestampSchema),
  activatedAt: z.optional(TimestampSchema),
  disabledAt: z.optional(TimestampSchema),
});

export const UserSchema = doc(z.object({ ...UserDataSchema.def.shape, ...ItemMetaShape }), { id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const userEntity = defineEntity({
  name: 'User',
  schemaVersion: 1,
  scope: 'tenant',
  schema: UserDataSchema,
  primary: MEMBERSHIP_PRIMARY_KEY,
  patterns: {
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#USERS', sk: '{createdAt}#{id}' },
    byStatus: { index: 'gsi2', pk: 'T#{tenantId}#USERS#{status}', sk: '{createdAt}#{id}' },
  },
  unique: { email: { fields: ['email'], key: 'T#{tenantId}#USER_EMAIL#{email}' } },
});
