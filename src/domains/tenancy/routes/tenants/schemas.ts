/** Request and response shapes of the tenant routes. */
import * as z from 'zod/mini';
import { EmailSchema, IdSchema, PageQueryShape, pageOf } from '../../../../core/schemas.js';
import { SlugSchema, StatusReasonSchema, TENANT_STATUSES, TenantNameSchema, TenantSchema, TenantSettingsSchema } from '../../models/tenant.js';
import { UserNameSchema, UserSchema } from '../../models/user.js';

export const TenantParams = z.object({ tenantId: IdSchema });

export const CreateTenantBody = z.strictObject({
  name: TenantNameSchema,
  slug: SlugSchema,
  settings: z.optional(TenantSettingsSchema),
  owner: z.optional(z.strictObject({ id: z.optional(IdSchema), email: EmailSchema, name: UserNameSchema })),
});

export const CreatedTenant = z.object({ ...TenantSchema.def.shape, owner: z.optional(UserSchema) });

export const UpdateTenantBody = z.strictObject({
  name: z.optional(TenantNameSchema),
  slug: z.optional(SlugSchema),
  settings: z.optional(TenantSettingsSchema),
  ownerUserId: z.optional(z.nullable(IdSchema)),
});

export const ListTenantsQuery = z.object({ status: z.optional(z.enum(TENANT_STATUSES)), ...PageQueryShape });
export const TenantPage = pageOf(TenantSchema);

export const ReasonBody = z.strictObject({ reason: StatusReasonSchema });
export const OptionalReasonBody = z.strictObject({ reason: z.optional(StatusReasonSchema) });
