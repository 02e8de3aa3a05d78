/**
 * Granting roles to a membership (by POST /users, PATCH /users, or an accepted invitation):
 * who may grant what, and the writes that keep custom roles' assignment counts exact.
 */
import { ERROR_CODES } from '../constants.js';
import { PLATFORM_ADMIN_ROLE, type RequestContext } from '../context.js';
import { ForbiddenError, RuleViolationError } from '../errors.js';
import type { WriteOp } from '../store/write-ops.js';
import { accessPolicyEntity } from './policy-entity.js';
import { GRANT_ROLES_PERMISSION, checkPermission, isBuiltInRole } from './policies.js';

/**
 * A caller may grant a role they hold themselves, or any role with `roles:grant` (tenant admins).
 * platform_admin is never granted through a tenant: it exists only in the identity provider.
 */
export const assertCanGrant = (ctx: RequestContext, roles: readonly string[], field = 'body.roles'): string[] => {
  const unique = [...new Set(roles)];
  if (unique.includes(PLATFORM_ADMIN_ROLE)) {
    throw new RuleViolationError(ERROR_CODES.roleNotGrantable, 'platform_admin cannot be granted in a tenant.', { details: { roles: [PLATFORM_ADMIN_ROLE], field } });
  }
  if (checkPermission(ctx, GRANT_ROLES_PERMISSION).allowed) return unique;
  const refused = unique.filter((role) => !ctx.roles.includes(role));
  if (refused.length > 0) {
    throw new ForbiddenError(ERROR_CODES.roleGrantForbidden, `You may only grant roles you hold yourself; not: ${refused.join(', ')}.`, {
      details: { roles: refused, missingPermission: GRANT_ROLES_PERMISSION, field },
    });
  }
  return unique;
};

/**
 * The counter updates for custom roles gained and lost, to go in the same transaction as the
 * membership change. A custom role that does not exist fails the transaction with a 422.
 */
export const roleCountOps = (before: readonly string[], after: readonly string[]): WriteOp[] => {
  const gained = after.filter((role) => !before.includes(role) && !isBuiltInRole(role));
  const lost = before.filter((role) => !after.includes(role) && !isBuiltInRole(role));
  const op = (role: string, by: number): WriteOp => ({
    type: 'bookkeeping',
    entity: accessPolicyEntity,
    key: { role },
    add: { assignedCount: by },
    condition: {
      expression: () => 'attribute_exists(pk)',
      onFail: () => new RuleViolationError(ERROR_CODES.roleNotGrantable, `There is no role "${role}" in this tenant.`, { details: { roles: [role], field: 'body.roles' } }),
    },
  });
  return [...gained.map((role) => op(role, 1)), ...lost.map((role) => op(role, -1))];
};
