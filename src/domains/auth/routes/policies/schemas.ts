import * as z from 'zod/mini';
import { PermissionListSchema, PermissionSchema, RoleNameSchema } from '../../../../core/access/policy-entity.js';
import { doc } from '../../../../core/schemas.js';
import { AccessPolicySchema } from '../../models/access-policy.js';

export const RoleParams = z.object({ role: RoleNameSchema });

export const PolicyBody = z.strictObject({
  allow: PermissionListSchema,
  deny: z._default(PermissionListSchema, () => []),
  description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
});

export const PolicyList = z.object({ items: z.array(AccessPolicySchema), nextCursor: z.null() });

export const CheckBody = z.strictObject({ permissions: z.array(PermissionSchema).check(z.minLength(1), z.maxLength(100)) });

export const DecisionSchema = doc(
  z.object({
    permission: z.string(),
    allowed: z.boolean(),
    reason: z.enum(['allowed', 'denied', 'no_matching_rule']),
    matchedRule: z.nullable(z.object({ source: z.string(), effect: z.enum(['allow', 'deny']), pattern: z.string() })),
  }),
  { id: 'PermissionDecision' },
);
export const CheckResult = z.object({ decisions: z.array(DecisionSchema) });
