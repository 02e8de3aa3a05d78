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
import {
  getBrandingDraftRoute,
  getBrandingRoute,
  getBrandingVersionRoute,
  listBrandingVersionsRoute,
  publishBrandingRoute,
  putBrandingDraftRoute,
  restoreBrandingVersionRoute,
} from './branding/branding-routes.js';
import { deleteBrandingDomainRoute, getBrandingDomainRoute, getPublicBrandingRoute, putBrandingDomainRoute, verifyBrandingDomainRoute } from './branding/domain-routes.js';
import { createFlagRoute, deleteFlagRoute, evaluateFlagsRoute, getFlagRoute, listFlagsRoute, updateFlagRoute } from './flags/flag-routes.js';
import { deleteFlagOverrideRoute, listFlagOverridesRoute, putFlagOverrideRoute } from './flags/override-routes.js';

export * from './branding/branding-routes.js';
export * from './branding/domain-routes.js';
export * from './flags/flag-routes.js';
export * from './flags/override-routes.js';

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
  getBrandingRoute,
  getBrandingDraftRoute,
  putBrandingDraftRoute,
  publishBrandingRoute,
  listBrandingVersionsRoute,
  getBrandingVersionRoute,
  restoreBrandingVersionRoute,
  getBrandingDomainRoute,
  putBrandingDomainRoute,
  verifyBrandingDomainRoute,
  deleteBrandingDomainRoute,
  getPublicBrandingRoute,
  // /flags/evaluate before /flags/{key}: the first route that matches a path wins.
  evaluateFlagsRoute,
  createFlagRoute,
  listFlagsRoute,
  getFlagRoute,
  updateFlagRoute,
  deleteFlagRoute,
  putFlagOverrideRoute,
  listFlagOverridesRoute,
  deleteFlagOverrideRoute,
];
