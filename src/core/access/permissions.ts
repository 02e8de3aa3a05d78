/**
 * Permissions are `resource:action` strings; `resource:*` and `*` are wildcards. This file is
 * the grammar and the matching; policies.ts decides who holds which.
 */
export const ROLE_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
export const PERMISSION_PATTERN = /^(\*|[a-z][a-z0-9-]*:(\*|[a-z][a-z0-9-]*))$/;

/** Does a granted pattern (possibly a wildcard) cover the required permission or pattern? */
export const permissionCovers = (granted: string, required: string): boolean => {
  if (granted === '*' || granted === required) return true;
  if (granted.endsWith(':*')) return required !== '*' && required.startsWith(granted.slice(0, -1));
  return false;
};

/** Do two patterns name at least one permission in common? (`users:*` and `users:read` do.) */
export const permissionsOverlap = (a: string, b: string): boolean => permissionCovers(a, b) || permissionCovers(b, a);

export const hasPermission = (permissions: readonly string[], required: string): boolean =>
  permissions.some((granted) => permissionCovers(granted, required));
