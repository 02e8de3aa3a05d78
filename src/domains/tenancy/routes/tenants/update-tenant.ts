import { defineRoute, resource } from '../../../../core/http/route.js';
import { TenantSchema } from '../../models/tenant.js';
import { tenantService } from '../../services/index.js';
import { TenantParams, UpdateTenantBody } from './schemas.js';

export const updateTenantRoute = defineRoute({
  method: 'PATCH',
  path: '/tenants/{tenantId}',
  operationId: 'updateTenant',
  summary: 'Update a tenant',
  description: 'Name, slug, settings or owner. Send If-Match with the ETag you read: a stale one is 412.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:update',
  params: TenantParams,
  body: UpdateTenantBody,
  responses: { 200: { description: 'The updated tenant.', schema: TenantSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, await tenantService(runtime).update(ctx, params.tenantId, body, ifMatch)),
});
