import { describe, expect, it } from 'vitest';
import { hasPermission, permissionCovers, permissionsForRoles, requirePermission } from './permissions.js';

describe('permissions', () => {
  it.each([
    ['*', 'users:read', true],
    ['users:*', 'users:read', true],
    ['users:*', 'usersx:read', false],
    ['users:read', 'users:read', true],
    ['users:read', 'users:update', false],
    ['tenants:read', 'users:read', false],
  ])('%s covers %s: %s', (granted, required, expected) => {
    expect(permissionCovers(granted, required)).toBe(expected);
  });
  it('maps built-in roles, ignores unknown ones', () => {
    expect(permissionsForRoles(['platform_admin'])).toEqual(['me:read', '*']);
    expect(permissionsForRoles(['member', 'nobody'])).toEqual(['me:read', 'tenants:read', 'users:read']);
    expect(permissionsForRoles([])).toEqual(['me:read']);
    expect(hasPermission(permissionsForRoles(['tenant_admin']), 'users:delete')).toBe(true);
    expect(hasPermission(permissionsForRoles(['member']), 'users:create')).toBe(false);
    expect(hasPermission(permissionsForRoles(['tenant_admin']), 'tenants:suspend')).toBe(false);
  });
  it('a denial names the missing permission', () => {
    expect(() => requirePermission({ permissions: ['users:read'] }, 'users:create')).toThrow(expect.objectContaining({ status: 403, code: 'permission_denied', details: { missingPermission: 'users:create' } }));
  });
});
