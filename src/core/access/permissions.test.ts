/** The evaluation rules, table-driven: wildcards, deny-overrides, built-in and custom roles. */
import { describe, expect, it } from 'vitest';
import { AUTH_METHODS } from '../constants.js';
import type { RequestContext } from '../context.js';
import { permissionCovers, permissionsOverlap } from './permissions.js';
import { BUILT_IN_POLICIES, checkPermission, effectivePolicy, evaluate, grantsFor, requirePermission, type Grant } from './policies.js';

describe('pattern matching', () => {
  it.each([
    ['*', 'users:read', true],
    ['*', '*', true],
    ['users:*', 'users:read', true],
    ['users:*', 'users:*', true],
    ['users:*', '*', false],
    ['users:*', 'usersx:read', false],
    ['users:read', 'users:read', true],
    ['users:read', 'users:update', false],
    ['users:read', 'users:*', false],
    ['tenants:read', 'users:read', false],
  ])('%s covers %s: %s', (granted, required, expected) => {
    expect(permissionCovers(granted, required)).toBe(expected);
  });
  it('overlap is symmetric', () => {
    expect(permissionsOverlap('users:*', 'users:read')).toBe(true);
    expect(permissionsOverlap('users:read', 'users:*')).toBe(true);
    expect(permissionsOverlap('users:read', 'files:read')).toBe(false);
  });
});

const grant = (source: string, allow: string[], deny: string[] = []): Grant => ({ source, allow, deny });

describe('evaluation', () => {
  it.each<[string, Grant[], string, boolean, string, string | null]>([
    ['an exact allow', [grant('role:a', ['users:read'])], 'users:read', true, 'allowed', 'users:read'],
    ['a resource wildcard', [grant('role:a', ['users:*'])], 'users:delete', true, 'allowed', 'users:*'],
    ['the global wildcard', [grant('role:a', ['*'])], 'payments:refund', true, 'allowed', '*'],
    ['nothing matching', [grant('role:a', ['users:read'])], 'users:update', false, 'no_matching_rule', null],
    ['a deny beats an allow in the same policy', [grant('role:a', ['users:*'], ['users:delete'])], 'users:delete', false, 'denied', 'users:delete'],
    ['a deny in one role beats an allow in another', [grant('role:a', ['*']), grant('role:b', [], ['payments:*'])], 'payments:refund', false, 'denied', 'payments:*'],
    ['a wildcard deny beats an exact allow', [grant('role:a', ['users:read'], ['*'])], 'users:read', false, 'denied', '*'],
    ['a deny elsewhere does not block', [grant('role:a', ['users:*'], ['users:delete'])], 'users:read', true, 'allowed', 'users:*'],
  ])('%s', (_, grants, permission, allowed, reason, pattern) => {
    const decision = evaluate(grants, permission);
    expect(decision).toMatchObject({ permission, allowed, reason });
    expect(decision.matchedRule?.pattern ?? null).toBe(pattern);
  });

  it('built-in roles have sensible defaults; tenant_admin never holds platform permissions', () => {
    const can = (role: string, permission: string) => evaluate(grantsFor([role]), permission).allowed;
    expect(can('platform_admin', 'tenants:suspend')).toBe(true);
    expect(can('tenant_admin', 'users:delete')).toBe(true);
    expect(can('tenant_admin', 'payments:refund')).toBe(true);
    expect(can('tenant_admin', 'tenants:suspend')).toBe(false);
    expect(can('billing_admin', 'payments:refund')).toBe(true);
    expect(can('billing_admin', 'users:update')).toBe(false);
    expect(can('member', 'users:read')).toBe(true);
    expect(can('member', 'users:create')).toBe(false);
    expect(can('viewer', 'files:create')).toBe(false);
    expect(can('nobody', 'users:read')).toBe(false);
    // The baseline is every signed-in person's.
    expect(can('nobody', 'me:read')).toBe(true);
    expect(Object.keys(BUILT_IN_POLICIES)).toEqual(['platform_admin', 'tenant_admin', 'billing_admin', 'member', 'viewer']);
  });

  it('custom roles come from the tenant; overrides of built-in roles keep the built-in denies', () => {
    const tenant = new Map([
      ['support', { allow: ['users:read', 'files:*'], deny: ['files:delete'] }],
      ['tenant_admin', { allow: ['*'], deny: ['payments:*'] }],
      ['member', { allow: ['tenants:read'], deny: [] }],
    ]);
    expect(evaluate(grantsFor(['support'], tenant), 'files:update').allowed).toBe(true);
    expect(evaluate(grantsFor(['support'], tenant), 'files:delete').reason).toBe('denied');
    expect(evaluate(grantsFor(['tenant_admin'], tenant), 'payments:refund').allowed).toBe(false);
    expect(evaluate(grantsFor(['tenant_admin'], tenant), 'tenants:close').allowed).toBe(false);
    expect(effectivePolicy('tenant_admin', tenant)?.deny).toEqual(expect.arrayContaining(['tenants:create', 'payments:*']));
    expect(evaluate(grantsFor(['member'], tenant), 'users:read').allowed).toBe(false);
    expect(effectivePolicy('ghost', tenant)).toBeUndefined();
  });
});

describe('checkPermission', () => {
  const ctx = (grants: Grant[], authMethod: RequestContext['authMethod'] = AUTH_METHODS.jwt): RequestContext => ({
    tenantId: 't', userId: 'u', roles: [], permissions: [], grants, authMethod, requestId: 'r',
  });
  it('explains a denial and caches decisions on the request only', () => {
    const c = ctx([grant('role:a', ['users:*'], ['users:delete'])]);
    const first = checkPermission(c, 'users:delete');
    expect(first).toEqual({ permission: 'users:delete', allowed: false, reason: 'denied', matchedRule: { source: 'role:a', effect: 'deny', pattern: 'users:delete' } });
    expect(checkPermission(c, 'users:delete')).toBe(first);
    const other = ctx([grant('role:a', ['*'])]);
    expect(checkPermission(other, 'users:delete').allowed).toBe(true);
  });
  it('a denial names the missing permission; for an API key it is insufficient_scope', () => {
    expect(() => requirePermission(ctx([grant('role:a', ['users:read'])]), 'users:create')).toThrow(expect.objectContaining({ status: 403, code: 'permission_denied', details: expect.objectContaining({ missingPermission: 'users:create', reason: 'no_matching_rule' }) }));
    expect(() => requirePermission(ctx([grant('api-key', ['users:read'])], AUTH_METHODS.apiKey), 'users:create')).toThrow(expect.objectContaining({ status: 403, code: 'insufficient_scope', details: expect.objectContaining({ reason: 'insufficient_scope' }) }));
  });
});
