/** The tenant status machine over HTTP: suspend, reactivate, close (platform admins only). */
import { defineRoute, resource, type Route } from '../../../../core/http/route.js';
import { TenantSchema } from '../../models/tenant.js';
import { tenantService } from '../../services/index.js';
import { OptionalReasonBody, ReasonBody, TenantParams } from './schemas.js';

type Action = 'suspend' | 'reactivate' | 'close';

/** The three transitions differ only in their action, wording and whether a reason is required. */
const statusRoute = (action: Action, summary: string, description: string, reasonRequired: boolean): Route =>
  defineRoute({
    method: 'POST',
    path: `/tenants/{tenantId}/${action}`,
    operationId: `${action}Tenant`,
    summary,
    description,
    tags: ['tenants'],
    tenant: 'optional',
    permission: `tenants:${action}`,
    params: TenantParams,
    body: reasonRequired ? ReasonBody : OptionalReasonBody,
    responses: { 200: { description: 'The tenant in its new status.', schema: TenantSchema } },
    handler: async ({ ctx, params, body, ifMatch, runtime }) =>
      resource(200, await tenantService(runtime)[action](ctx, params.tenantId, body.reason as string, ifMatch)),
  });

export const suspendTenantRoute = statusRoute(
  'suspend',
  'Suspend a tenant',
  'An active tenant becomes suspended: its users get 403 `tenant_suspended` on every tenant-scoped route.',
  true,
);

export const reactivateTenantRoute = statusRoute('reactivate', 'Reactivate a suspended tenant', 'A suspended tenant becomes active again.', false);

export const closeTenantRoute = statusRoute(
  'close',
  'Close a tenant',
  'Final: a closed tenant cannot be reactivated; its users get 403 `tenant_closed`.',
  true,
);
