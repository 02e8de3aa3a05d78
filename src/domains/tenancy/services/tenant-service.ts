/**
 * Tenant business rules: creation (optionally with its first admin, in one transaction), reads
 * confined to the caller's own tenant unless they are a platform admin, updates under optimistic
 * locking, and the status machine active ⇄ suspended → closed.
 */
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { isPlatformAdmin, withTenant, type RequestContext } from '../../../core/context.js';
import { NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import { tenantEntity, type Tenant, type TenantStatus } from '../models/tenant.js';
import { userEntity, type User } from '../models/user.js';

export interface CreateTenantInput {
  name: string;
  slug: string;
  settings?: Record<string, unknown> | undefined;
  /** The first tenant admin, created with the tenant in the same transaction. */
  owner?: { id?: string | undefined; email: string; name: string } | undefined;
}

export interface UpdateTenantInput {
  name?: string | undefined;
  slug?: string | undefined;
  settings?: Record<string, unknown> | undefined;
  ownerUserId?: string | null | undefined;
}

export interface ListTenantsInput {
  status?: TenantStatus | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Allowed status moves, and the stamp each one writes. */
const TRANSITIONS: Record<'suspend' | 'reactivate' | 'close', { from: TenantStatus[]; to: TenantStatus }> = {
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
  close: { from: ['active', 'suspended'], to: 'closed' },
};

export const createTenantService = (runtime: Runtime) => {
  const { store, access, clock } = runtime;

  /** A caller sees their own tenant; only a platform admin sees others. Anything else is a 404. */
  const assertVisible = (ctx: RequestContext, tenantId: string): void => {
    if (isPlatformAdmin(ctx)) return;
    if (ctx.tenantId !== tenantId) throw new NotFoundError('Tenant');
  };

  const get = async (ctx: RequestContext, tenantId: string): Promise<Tenant> => {
    requirePermission(ctx, 'tenants:read');
    assertVisible(ctx, tenantId);
    const tenant = await store.get(ctx, tenantEntity, { id: tenantId });
    if (tenant === undefined) throw new NotFoundError('Tenant');
    return tenant;
  };

  const transition = async (ctx: RequestContext, tenantId: string, action: keyof typeof TRANSITIONS, reason: string | undefined, ifMatch: number | undefined): Promise<Tenant> => {
    requirePermission(ctx, `tenants:${action}`);
    assertVisible(ctx, tenantId);
    const current = await store.mustGet(ctx, tenantEntity, { id: tenantId });
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(current.status)) {
      const verb = action === 'reactivate' ? 'reactivated' : action === 'close' ? 'closed' : 'suspended';
      throw new RuleViolationError(ERROR_CODES.invalidTransition, `${current.status === 'active' ? 'An' : 'A'} ${current.status} tenant cannot be ${verb}.`, {
        details: { from: current.status, to: rule.to },
      });
    }
    const now = clock.now().toISOString();
    const updated = await store.update(ctx, tenantEntity, { id: tenantId }, {
      status: rule.to,
      statusReason: reason ?? null,
      statusChangedAt: now,
      ...(rule.to === 'suspended' ? { suspendedAt: now } : {}),
      ...(rule.to === 'closed' ? { closedAt: now } : {}),
      ...(rule.to === 'active' ? { suspendedAt: null } : {}),
    }, { current, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }) });
    access.invalidateTenant(tenantId);
    return updated;
  };

  return {
    get,

    async create(ctx: RequestContext, input: CreateTenantInput): Promise<{ tenant: Tenant; owner?: User }> {
      requirePermission(ctx, 'tenants:create');
      const id = newId();
      const owner = input.owner === undefined ? undefined : { tenantId: id, id: input.owner.id ?? newId(), email: input.owner.email, name: input.owner.name, roles: ['tenant_admin'], status: 'invited' };
      const data = { id, name: input.name, slug: input.slug, status: 'active', settings: input.settings ?? {}, ...(owner === undefined ? {} : { ownerUserId: owner.id }) };
      const [tenant, user] = await store.write(withTenant(ctx, id), [
        { type: 'create', entity: tenantEntity, data },
        ...(owner === undefined ? [] : [{ type: 'create' as const, entity: userEntity, data: owner }]),
      ]);
      return { tenant: tenant as Tenant, ...(user === undefined ? {} : { owner: user as User }) };
    },

    async list(ctx: RequestContext, input: ListTenantsInput): Promise<Page<Tenant>> {
      requirePermission(ctx, 'tenants:list');
      const options = { order: 'desc' as const, ...pageOptions(input) };
      return input.status === undefined
        ? store.query(ctx, tenantEntity, 'all', {}, options)
        : store.query(ctx, tenantEntity, 'byStatus', { status: input.status }, options);
    },

    async update(ctx: RequestContext, tenantId: string, changes: UpdateTenantInput, ifMatch: number | undefined): Promise<Tenant> {
      requirePermission(ctx, 'tenants:update');
      assertVisible(ctx, tenantId);
      const version = ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const };
      const owner = changes.ownerUserId;
      if (typeof owner !== 'string') return store.update(ctx, tenantEntity, { id: tenantId }, changes as Record<string, unknown>, version);
      // A new owner must be an enabled member of the tenant: checked in the same transaction as the change.
      const [updated] = await store.write(withTenant(ctx, tenantId), [
        { type: 'update', entity: tenantEntity, key: { id: tenantId }, changes: changes as Record<string, unknown>, ...version },
        {
          type: 'check',
          entity: userEntity,
          key: { id: owner },
          condition: {
            expression: (b) => `attribute_exists(${b.name('pk')}) AND ${b.name('status')} <> ${b.value('disabled')}`,
            onFail: () => new RuleViolationError(ERROR_CODES.ownerNotMember, 'The owner must be an enabled member of the tenant.', { details: { field: 'body.ownerUserId' } }),
          },
        },
      ]);
      return updated as Tenant;
    },

    suspend: (ctx: RequestContext, tenantId: string, reason: string, ifMatch?: number) => transition(ctx, tenantId, 'suspend', reason, ifMatch),
    reactivate: (ctx: RequestContext, tenantId: string, reason?: string, ifMatch?: number) => transition(ctx, tenantId, 'reactivate', reason, ifMatch),
    close: (ctx: RequestContext, tenantId: string, reason: string, ifMatch?: number) => transition(ctx, tenantId, 'close', reason, ifMatch),
  };
};

export type TenantService = ReturnType<typeof createTenantService>;
