/** AccessPolicy as the API shows it: built-in roles (with any override) and the tenant's own. */
import * as z from 'zod/mini';
import { PermissionListSchema, RoleNameSchema } from '../../../core/access/policy-entity.js';
import { TimestampSchema, doc } from '../../../core/schemas.js';

export { accessPolicyEntity, type StoredAccessPolicy } from '../../../core/access/policy-entity.js';

export const AccessPolicySchema = doc(
  z.object({
    role: RoleNameSchema,
    builtIn: doc(z.boolean(), { description: 'A built-in role: its policy can be tightened, never widened, and deleting the override restores the default.' }),
    overridden: doc(z.boolean(), { description: 'A built-in role whose policy this tenant has tightened.' }),
    allow: PermissionListSchema,
    deny: doc(PermissionListSchema, { description: 'Effective denies: for built-in roles they include the default ones; a deny always wins.' }),
    description: z.optional(z.string()),
    assignedCount: z.optional(doc(z.int(), { description: 'Memberships holding this custom role (a role in use cannot be deleted).' })),
    version: z.optional(z.int()),
    updatedAt: z.optional(TimestampSchema),
    updatedBy: z.optional(z.string()),
  }),
  { id: 'AccessPolicy' },
);
export type AccessPolicyView = z.infer<typeof AccessPolicySchema>;
