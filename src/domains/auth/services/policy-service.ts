/**
 * Access policies of a tenant: its own roles, and overrides that tighten built-in ones. Rules:
 * a built-in role can only be tightened (allows stay within the default, default denies stay);
 * tenant_admin must keep what it takes to administer (no locking every admin out); platform_admin
 * is not a tenant's to change; a custom role still assigned to memberships cannot be deleted.
 */
import { effectivePolicy, BUILT_IN_POLICIES, BUILT_IN_ROLE_NAMES, checkPermission, evaluate, isBuiltInRole, requirePermission, type Decision } from '../../../core/access/policies.js';
import { permissionCovers } from '../../../core/access/permissions.js';
import { MAX_TENANT_POLICIES, accessPolicyEntity, type StoredAccessPolicy } from '../../../core/access/policy-entity.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { PLATFORM_ADMIN_ROLE, type RequestContext } from '../../../core/context.js';
import { AppError, ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { assertNoPreconditionOnMissing } from '../../../core/preconditions.js';
import type { Runtime } from '../../../core/runtime.js';
import type { AccessPolicyView } from '../models/access-policy.js';

export interface PolicyInput {
  allow: string[];
  deny: string[];
  description?: string | undefined;
}

/** What a tenant admin must keep, so that some admin can always repair the policies. */
export const ADMIN_ESSENTIALS = ['access-policies:read', 'access-policies:update', 'users:read', 'users:update', 'roles:grant'] as const;

const view = (role: string, stored: StoredAccessPolicy | undefined): AccessPolicyView => {
  const rules = new Map(stored === undefined ? [] : [[role, { allow: stored.allow, deny: stored.deny }]]);
  const effective = effectivePolicy(role, rules) ?? { allow: [], deny: [] };
  const builtIn = isBuiltInRole(role);
  return {
    role,
    builtIn,
    overridden: builtIn && stored !== undefined,
    allow: [...effective.allow],
    deny: [...effective.deny],
    ...(stored?.description !== undefined ? { description: stored.description } : builtIn ? { description: BUILT_IN_POLICIES[role].description } : {}),
    ...(stored === undefined ? {} : { version: stored.version, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }),
    ...(builtIn || stored === undefined ? {} : { assignedCount: stored.assignedCount }),
  };
};

export const createPolicyService = (runtime: Runtime) => {
  const { store, access } = runtime;

  const read = (ctx: RequestContext, role: string) => store.get(ctx, accessPolicyEntity, { role });

  /** Every stored policy of the tenant (at most MAX_TENANT_POLICIES: creation stops there). */
  const readAll = (ctx: RequestContext): Promise<StoredAccessPolicy[]> => store.queryAll(ctx, accessPolicyEntity, 'byTenant', {}, { limit: MAX_TENANT_POLICIES });

  const assertChangeable = (role: string): void => {
    if (role === PLATFORM_ADMIN_ROLE) {
      throw new RuleViolationError(ERROR_CODES.roleNotGrantable, 'platform_admin belongs to the platform; a tenant cannot change its policy.', { details: { field: 'path.role' } });
    }
  };

  const assertRules = (role: string, input: PolicyInput): void => {
    if (isBuiltInRole(role)) {
      const defaults = BUILT_IN_POLICIES[role];
      const widened = input.allow.filter((p) => !defaults.allow.some((d) => permissionCovers(d, p)));
      if (widened.length > 0) {
        throw new RuleViolationError(ERROR_CODES.policyWidensBuiltIn, `The built-in role ${role} can only be tightened; these allows go beyond its defaults: ${widened.join(', ')}.`, {
          details: { role, patterns: widened, field: 'body.allow' },
        });
      }
    }
    if (role === 'tenant_admin') {
      const rules = effectivePolicy(role, new Map([[role, input]])) ?? input;
      const lost = ADMIN_ESSENTIALS.filter((p) => !evaluate([{ source: 'role:tenant_admin', ...rules }], p).allowed);
      if (lost.length > 0) {
        throw new RuleViolationError(ERROR_CODES.adminLockout, `tenant_admin must keep ${lost.join(', ')}, or no admin could repair the policies.`, {
          details: { role, missing: lost },
        });
      }
    }
  };

  return {
    async list(ctx: RequestContext): Promise<{ items: AccessPolicyView[]; nextCursor: null }> {
      requirePermission(ctx, 'access-policies:read');
      const items = await readAll(ctx);
      const stored = new Map(items.map((p) => [p.role, p]));
      const custom = items.filter((p) => !isBuiltInRole(p.role)).map((p) => view(p.role, p));
      return { items: [...BUILT_IN_ROLE_NAMES.map((role) => view(role, stored.get(role))), ...custom], nextCursor: null };
    },

    async get(ctx: RequestContext, role: string): Promise<AccessPolicyView> {
      requirePermission(ctx, 'access-policies:read');
      const stored = await read(ctx, role);
      if (stored === undefined && !isBuiltInRole(role)) throw new NotFoundError('AccessPolicy');
      return view(role, stored);
    },

    async put(ctx: RequestContext, role: string, input: PolicyInput, ifMatch: number | undefined): Promise<{ policy: AccessPolicyView; created: boolean }> {
      requirePermission(ctx, 'access-policies:update');
      assertChangeable(role);
      assertRules(role, input);
      const existing = await read(ctx, role);
      const data = { allow: [...new Set(input.allow)], deny: [...new Set(input.deny)], ...(input.description === undefined ? {} : { description: input.description }) };
      let saved: StoredAccessPolicy;
      if (existing === undefined) {
        assertNoPreconditionOnMissing('AccessPolicy', ifMatch);
        const count = (await store.query(ctx, accessPolicyEntity, 'byTenant', {}, { limit: MAX_TENANT_POLICIES })).items.length;
        if (count >= MAX_TENANT_POLICIES) {
          throw new RuleViolationError(ERROR_CODES.tooManyRoles, `A tenant may have at most ${MAX_TENANT_POLICIES} policies; delete one first.`, { details: { limit: MAX_TENANT_POLICIES } });
        }
        saved = await store.create(ctx, accessPolicyEntity, { tenantId: ctx.tenantId as string, role, ...data, assignedCount: 0 });
      } else {
        if (ifMatch === undefined) {
          throw new AppError(428, ERROR_CODES.preconditionRequired, `The policy of ${role} exists: send If-Match with its ETag to replace it.`, { details: { currentVersion: existing.version } });
        }
        // Only the rules change: assignedCount, kept by atomic ADDs, is never rewritten here.
        saved = await store.update(ctx, accessPolicyEntity, { role }, { ...data, description: input.description ?? null }, { expectedVersion: ifMatch, versionSource: 'if-match' });
      }
      access.invalidateTenant(ctx.tenantId as string);
      return { policy: view(role, saved), created: existing === undefined };
    },

    async remove(ctx: RequestContext, role: string, ifMatch: number | undefined): Promise<void> {
      requirePermission(ctx, 'access-policies:delete');
      assertChangeable(role);
      const existing = await read(ctx, role);
      if (existing === undefined) throw new NotFoundError('AccessPolicy');
      await store.delete(ctx, accessPolicyEntity, { role }, {
        current: existing,
        ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }),
        // A built-in override can always go (the default returns); a custom role only when unused.
        ...(isBuiltInRole(role) ? {} : {
          condition: {
            expression: (b) => `${b.name('assignedCount')} = ${b.value(0)}`,
            onFail: (current) => new ConflictError(ERROR_CODES.roleInUse, `The role ${role} is still held by ${String(current?.['assignedCount'])} membership(s).`, { details: { role, assignedCount: current?.['assignedCount'] } }),
          },
        }),
      });
      access.invalidateTenant(ctx.tenantId as string);
    },

    check(ctx: RequestContext, permissions: readonly string[]): Decision[] {
      requirePermission(ctx, 'access-policies:check');
      return permissions.map((p) => checkPermission(ctx, p));
    },
  };
};

export type PolicyService = ReturnType<typeof createPolicyService>;
