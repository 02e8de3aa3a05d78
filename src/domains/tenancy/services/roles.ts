/**
 * Which roles a membership may hold. platform_admin is never granted through a tenant: it
 * exists only in the identity provider. The auth domain widens this to each tenant's own roles.
 */
import { ERROR_CODES } from '../../../core/constants.js';
import { PLATFORM_ADMIN_ROLE } from '../../../core/context.js';
import { RuleViolationError } from '../../../core/errors.js';
import { isBuiltInRole } from '../../../core/access/permissions.js';

export const assertGrantableRoles = (roles: readonly string[]): string[] => {
  const unique = [...new Set(roles)];
  const refused = unique.filter((role) => role === PLATFORM_ADMIN_ROLE || !isBuiltInRole(role));
  if (refused.length > 0) {
    throw new RuleViolationError(ERROR_CODES.roleNotGrantable, `These roles cannot be granted in a tenant: ${refused.join(', ')}.`, {
      details: { roles: refused, field: 'body.roles' },
    });
  }
  return unique;
};
