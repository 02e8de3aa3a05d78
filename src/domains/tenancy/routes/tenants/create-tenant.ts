import { defineRoute, resource } from '../../../../core/http/route.js';
import { tenantService } from '../../services/index.js';
import { CreateTenantBody, CreatedTenant } from './schemas.js';

export const createTenantRoute = defineRoute({
  method: 'POST',
  path: '/tenants',
  operationId: 'createTenant',
  summary: 'Create a tenant',
  description: 'Platform admins only. With `owner`, the first tenant admin is created in the same transaction. Accepts Idempotency-Key.',
  tags: ['tenants'],
  tenant: 'optional',
  permission: 'tenants:create',
  body: CreateTenantBody,
  responses: { 201: { description: 'The tenant (and its owner membership, when asked for).', schema: CreatedTenant } },
  handler: async ({ ctx, body, runtime }) => {
    const { tenant, owner } = await tenantService(runtime).create(ctx, body);
    return resource(201, { ...tenant, ...(owner === undefined ? {} : { owner }) }, { location: `/tenants/${encodeURIComponent(tenant.id)}` });
  },
});
