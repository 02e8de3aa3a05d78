/** Request and response shapes of the user routes. */
import * as z from 'zod/mini';
import { EmailSchema, IdSchema, PageQueryShape, pageOf } from '../../../../core/schemas.js';
import { RoleSchema, RolesSchema, USER_STATUSES, UserNameSchema, UserSchema } from '../../models/user.js';

export const UserParams = z.object({ userId: IdSchema });

export const CreateUserBody = z.strictObject({
  id: z.optional(IdSchema),
  email: EmailSchema,
  name: UserNameSchema,
  roles: RolesSchema,
});

export const UpdateUserBody = z.strictObject({
  name: z.optional(UserNameSchema),
  email: z.optional(EmailSchema),
  roles: z.optional(RolesSchema),
  status: z.optional(z.enum(['active', 'disabled'])),
});

export const ListUsersQuery = z.object({ status: z.optional(z.enum(USER_STATUSES)), role: z.optional(RoleSchema), ...PageQueryShape });
export const UserPage = pageOf(UserSchema);

export const MeSchema = z.object({
  userId: z.string(),
  email: z.nullable(z.string()),
  tenantId: z.nullable(z.string()),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  authMethod: z.enum(['jwt', 'apiKey', 'system', 'anonymous']),
  user: z.nullable(UserSchema),
});
