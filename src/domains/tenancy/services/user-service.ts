/**
 * Membership rules: adding people to the caller's tenant (email unique within it), reading and
 * listing them, changing name, email, roles and status under optimistic locking, and disabling
 * (DELETE keeps the record and its history). Every change is confined to ctx.tenantId by the store.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import type { RequestContext } from '../../../core/context.js';
import { PreconditionFailedError, RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page, QueryFilter } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { tenantEntity } from '../models/tenant.js';
import { userEntity, type User, type UserStatus } from '../models/user.js';
import { assertCanGrant, roleCountOps } from '../../../core/access/role-grants.js';

export interface CreateUserInput {
  /** The person's identity subject (e.g. their Cognito `sub`); generated when they have none yet. */
  id?: string | undefined;
  email: string;
  name: string;
  roles: string[];
}

export interface UpdateUserInput {
  name?: string | undefined;
  email?: string | undefined;
  roles?: string[] | undefined;
  status?: 'active' | 'disabled' | undefined;
}

export interface ListUsersInput {
  status?: UserStatus | undefined;
  role?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const versionFrom = (ifMatch: number | undefined) => (ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const });

/** The tenant's owner stays an enabled member: checked on the tenant item in the same transaction. */
const notTheOwner = (tenantId: string, userId: string): WriteOp => ({
  type: 'check',
  entity: tenantEntity,
  key: { id: tenantId },
  condition: {
    expression: (b) => `attribute_not_exists(${b.name('ownerUserId')}) OR ${b.name('ownerUserId')} <> ${b.value(userId)}`,
    onFail: () => new RuleViolationError(ERROR_CODES.ownerCannotBeDisabled, 'The tenant\'s owner cannot be disabled; make someone else the owner first.', { details: { userId } }),
  },
});

export const createUserService = (runtime: Runtime) => {
  const { store, access, clock } = runtime;

  /** Stamps for a status change; none when the status does not actually change. */
  const statusStamps = (status: 'active' | 'disabled' | undefined, current: User): Record<string, unknown> => {
    const now = clock.now().toISOString();
    if (status === undefined || status === current.status) return {};
    if (status === 'disabled') return { disabledAt: now };
    return { disabledAt: null, ...(current.activatedAt === undefined ? { activatedAt: now } : {}) };
  };

  return {
    async create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
      requirePermission(ctx, 'users:create');
      const roles = assertCanGrant(ctx, input.roles);
      const data = { tenantId: ctx.tenantId as string, id: input.id ?? newId(), email: input.email, name: input.name, roles, status: 'invited' };
      const [created] = await store.write(ctx, [{ type: 'create', entity: userEntity, data }, ...roleCountOps([], roles)]);
      const user = created as User;
      // The person may have been seen without a membership a moment ago: their roles change now.
      access.invalidateMember(user.tenantId, user.id);
      return user;
    },

    async get(ctx: RequestContext, userId: string): Promise<User> {
      requirePermission(ctx, 'users:read');
      return store.mustGet(ctx, userEntity, { id: userId });
    },

    async list(ctx: RequestContext, input: ListUsersInput): Promise<Page<User>> {
      requirePermission(ctx, 'users:read');
      const filters: QueryFilter[] = input.role === undefined ? [] : [{ field: 'roles', op: 'contains', value: input.role }];
      const options = { order: 'desc' as const, filters, ...pageOptions(input) };
      return input.status === undefined
        ? store.query(ctx, userEntity, 'byTenant', {}, options)
        : store.query(ctx, userEntity, 'byStatus', { status: input.status }, options);
    },

    async update(ctx: RequestContext, userId: string, input: UpdateUserInput, ifMatch: number | undefined): Promise<User> {
      requirePermission(ctx, 'users:update');
      if (input.status === 'disabled' && userId === ctx.userId) {
        throw new RuleViolationError(ERROR_CODES.cannotDisableSelf, 'You cannot disable your own membership.');
      }
      const changes: Record<string, unknown> = { ...input };
      if (input.roles !== undefined) changes['roles'] = assertCanGrant(ctx, input.roles);
      for (const key of Object.keys(changes)) if (changes[key] === undefined) delete changes[key];
      // Status stamps and role counters depend on the current record; other changes go straight
      // to one conditional write.
      const current = input.status === undefined && input.roles === undefined ? undefined : await store.mustGet(ctx, userEntity, { id: userId });
      const stamps = current === undefined ? {} : statusStamps(input.status, current);
      const update: WriteOp = { type: 'update', entity: userEntity, key: { id: userId }, changes: { ...changes, ...stamps }, ...versionFrom(ifMatch), ...(current === undefined ? {} : { current }) };
      const disabling = input.status === 'disabled' && current?.status !== 'disabled';
      const counters = current === undefined || input.roles === undefined ? [] : roleCountOps(current.roles, changes['roles'] as string[]);
      const [written] = await store.write(ctx, [update, ...counters, ...(disabling ? [notTheOwner(ctx.tenantId as string, userId)] : [])]);
      const updated = written as User;
      access.invalidateMember(updated.tenantId, userId);
      return updated;
    },

    /** DELETE /users/{id}: the membership is disabled, never erased, so its history stays. */
    async disable(ctx: RequestContext, userId: string, ifMatch: number | undefined): Promise<User> {
      requirePermission(ctx, 'users:delete');
      if (userId === ctx.userId) throw new RuleViolationError(ERROR_CODES.cannotDisableSelf, 'You cannot disable your own membership.');
      const current = await store.mustGet(ctx, userEntity, { id: userId });
      if (ifMatch !== undefined && ifMatch !== current.version) {
        throw new PreconditionFailedError(`The User has changed: you sent version ${ifMatch}, it is now at version ${current.version}.`, {
          details: { entity: 'User', expectedVersion: ifMatch, currentVersion: current.version },
        });
      }
      // Disabling twice is not an error, and not a change either.
      if (current.status === 'disabled') return current;
      const [written] = await store.write(ctx, [
        { type: 'update', entity: userEntity, key: { id: userId }, changes: { status: 'disabled', ...statusStamps('disabled', current) }, current, ...versionFrom(ifMatch) },
        notTheOwner(current.tenantId, userId),
      ]);
      const updated = written as User;
      access.invalidateMember(updated.tenantId, userId);
      return updated;
    },

    /**
     * The caller's own view: who they are, what they may do, and their membership (if any). The
     * first visit activates an invited membership; later visits refresh lastSeenAt at most every 5 minutes.
     */
    async me(ctx: RequestContext): Promise<{ userId: string; email: string | null; tenantId: string | null; roles: readonly string[]; permissions: readonly string[]; authMethod: string; user: User | null }> {
      requirePermission(ctx, 'me:read');
      let user = ctx.tenantId === undefined ? undefined : await store.get(ctx, userEntity, { id: ctx.userId });
      const now = clock.now();
      if (user !== undefined && user.status !== 'disabled' && (user.status === 'invited' || user.lastSeenAt === undefined || now.getTime() - Date.parse(user.lastSeenAt) > 5 * 60_000)) {
        const changes = { lastSeenAt: now.toISOString(), ...(user.status === 'invited' ? { status: 'active', activatedAt: now.toISOString() } : {}) };
        const seen = user;
        // Recording the visit is best effort: a concurrent change wins and the caller still gets an answer.
        user = await store.update(ctx, userEntity, { id: seen.id }, changes, { current: seen }).catch(() => seen);
        access.invalidateMember(seen.tenantId, seen.id);
      }
      return {
        userId: ctx.userId,
        email: ctx.email ?? user?.email ?? null,
        tenantId: ctx.tenantId ?? null,
        roles: ctx.roles,
        permissions: ctx.permissions,
        authMethod: ctx.authMethod,
        user: user ?? null,
      };
    },
  };
};

export type UserService = ReturnType<typeof createUserService>;
