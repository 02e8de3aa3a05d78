import { defineRoute, resource } from '../../../../core/http/route.js';
import { TenantSchema } from '../../models/tenant.js';
import { tenantService } from '../../services/index.js';
import { TenantParams } from './schemas.js';

export const getTenantRoute = defineRoute({
  method: 'GET',
  path: '/tenants/{tenantId}',
  operationId: 'getTenant',
  summary: 'Get a tenant',
  description: 'Your own tenant, or any tenant for a platform admin; another tenant is a 404.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:read',
  params: TenantParams,
  responses: { 200: { description: 'The tenant, with its ETag.', schema: TenantSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await tenantService(runtime).get(ctx, params.tenantId)),
});
