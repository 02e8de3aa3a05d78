import type { Route } from '../../../core/http/route.js';
import { createTenantRoute } from './tenants/create-tenant.js';
import { getTenantRoute } from './tenants/get-tenant.js';
import { listTenantsRoute } from './tenants/list-tenants.js';
import { closeTenantRoute, reactivateTenantRoute, suspendTenantRoute } from './tenants/tenant-status-routes.js';
import { updateTenantRoute } from './tenants/update-tenant.js';
import { createUserRoute } from './users/create-user.js';
import { deleteUserRoute } from './users/delete-user.js';
import { getMeRoute } from './users/get-me.js';
import { getUserRoute } from './users/get-user.js';
import { listUsersRoute } from './users/list-users.js';
import { updateUserRoute } from './users/update-user.js';

export {
  closeTenantRoute,
  createTenantRoute,
  createUserRoute,
  deleteUserRoute,
  getMeRoute,
  getTenantRoute,
  getUserRoute,
  listTenantsRoute,
  listUsersRoute,
  reactivateTenantRoute,
  suspendTenantRoute,
  updateTenantRoute,
  updateUserRoute,
};

export const tenancyRoutes: readonly Route[] = [
  createTenantRoute,
  listTenantsRoute,
  getTenantRoute,
  updateTenantRoute,
  suspendTenantRoute,
  reactivateTenantRoute,
  closeTenantRoute,
  getMeRoute,
  createUserRoute,
  listUsersRoute,
  getUserRoute,
  updateUserRoute,
  deleteUserRoute,
];
