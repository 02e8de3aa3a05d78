/**
 * Permissions are `resource:action` strings; `resource:*` and `*` are wildcards. Built-in roles
 * map to permission sets here, in one function, which the auth domain later turns into
 * editable per-tenant access policies.
 */
import { ForbiddenError } from '../errors.js';
import { ERROR_CODES } from '../constants.js';
import type { RequestContext } from '../context.js';

export const BUILT_IN_ROLES = {
  platform_admin: ['*'],
  tenant_admin: ['tenants:read', 'tenants:update', 'users:*'],
  member: ['tenants:read', 'users:read'],
} as const satisfies Record<string, readonly string[]>;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/**
 * What every signed-in person may do whatever their roles: read who they are (GET /me), so that
 * someone who belongs to no tenant yet can still find that out. API keys get only their scopes.
 */
export const BASELINE_PERMISSIONS = ['me:read'] as const;

export const ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
export const PERMISSION_PATTERN = /^(\*|[a-z][a-z0-9-]*:(\*|[a-z][a-z0-9-]*))$/;

export const isBuiltInRole = (role: string): role is BuiltInRole => Object.hasOwn(BUILT_IN_ROLES, role);

/** The permissions of a person with these roles: the baseline plus each built-in role's (unknown roles grant nothing). */
export const permissionsForRoles = (roles: readonly string[]): string[] => [
  ...new Set([...BASELINE_PERMISSIONS, ...roles.flatMap((role) => (isBuiltInRole(role) ? [...BUILT_IN_ROLES[role]] : []))]),
];

/** Does a granted permission (possibly a wildcard) cover the required one? */
export const permissionCovers = (granted: string, required: string): boolean => {
  if (granted === '*' || granted === required) return true;
  if (granted.endsWith(':*')) return required.startsWith(granted.slice(0, -1));
  return false;
};

export const hasPermission = (permissions: readonly string[], required: string): boolean =>
  permissions.some((granted) => permissionCovers(granted, required));

export const requirePermission = (ctx: Pick<RequestContext, 'permissions'>, required: string): void => {
  if (!hasPermission(ctx.permissions, required)) {
    throw new ForbiddenError(ERROR_CODES.permissionDenied, `You need the permission "${required}" to do this.`, {
      details: { missingPermission: required },
    });
  }
};
