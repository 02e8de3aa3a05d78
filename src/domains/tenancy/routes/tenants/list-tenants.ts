import { defineRoute, json } from '../../../../core/http/route.js';
import { tenantService } from '../../services/index.js';
import { ListTenantsQuery, TenantPage } from './schemas.js';

export const listTenantsRoute = defineRoute({
  method: 'GET',
  path: '/tenants',
  operationId: 'listTenants',
  summary: 'List tenants',
  description: 'Platform admins only; newest first, optionally by status.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:list',
  query: ListTenantsQuery,
  responses: { 200: { description: 'One page of tenants.', schema: TenantPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await tenantService(runtime).list(ctx, query)),
});
