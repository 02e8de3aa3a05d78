/** The tenant status machine over HTTP: suspend, reactivate, close (platform admins only). */
import { defineRoute, resource } from '../../../../core/http/route.js';
import { TenantSchema } from '../../models/tenant.js';
import { tenancy } from '../../services/index.js';
import { OptionalReasonBody, ReasonBody, TenantParams } from './schemas.js';

export const suspendTenantRoute = defineRoute({
  method: 'POST',
  path: '/tenants/{tenantId}/suspend',
  operationId: 'suspendTenant',
  summary: 'Suspend a tenant',
  description: 'An active tenant becomes suspended: its users get 403 `tenant_suspended` on every tenant-scoped route.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:suspend',
  params: TenantParams,
  body: ReasonBody,
  responses: { 200: { description: 'The suspended tenant.', schema: TenantSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await tenancy(runtime).tenants.suspend(ctx, params.tenantId, body.reason, ifMatch)),
});

export const reactivateTenantRoute = defineRoute({
  method: 'POST',
  path: '/tenants/{tenantId}/reactivate',
  operationId: 'reactivateTenant',
  summary: 'Reactivate a suspended tenant',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:reactivate',
  params: TenantParams,
  body: OptionalReasonBody,
  responses: { 200: { description: 'The active tenant.', schema: TenantSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await tenancy(runtime).tenants.reactivate(ctx, params.tenantId, body.reason, ifMatch)),
});

export const closeTenantRoute = defineRoute({
  method: 'POST',
  path: '/tenants/{tenantId}/close',
  operationId: 'closeTenant',
  summary: 'Close a tenant',
  description: 'Final: a closed tenant cannot be reactivated; its users get 403 `tenant_closed`.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:close',
  params: TenantParams,
  body: ReasonBody,
  responses: { 200: { description: 'The closed tenant.', schema: TenantSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await tenancy(runtime).tenants.close(ctx, params.tenantId, body.reason, ifMatch)),
});
