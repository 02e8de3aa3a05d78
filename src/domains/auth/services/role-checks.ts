/** Checks, in the same transaction as a write, that a tenant's custom roles exist. */
import { isBuiltInRole } from '../../../core/access/policies.js';
import { accessPolicyEntity } from '../../../core/access/policy-entity.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError } from '../../../core/errors.js';
import type { WriteOp } from '../../../core/store/write-ops.js';

export const customRolesExist = (roles: readonly string[]): WriteOp[] =>
  roles
    .filter((role) => !isBuiltInRole(role))
    .map((role) => ({
      type: 'check' as const,
      entity: accessPolicyEntity,
      key: { role },
      condition: {
        expression: (b) => `attribute_exists(${b.name('pk')})`,
        onFail: () => new RuleViolationError(ERROR_CODES.roleNotGrantable, `There is no role "${role}" in this tenant.`, { details: { roles: [role], field: 'body.roles' } }),
      },
    }));
