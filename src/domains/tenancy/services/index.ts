import type { Runtime } from '../../../core/runtime.js';
import { createBrandingService, type BrandingService } from './branding-service.js';
import { createFlagService, type FlagService } from './flag-service.js';
import { createTenantService, type TenantService } from './tenant-service.js';
import { createUserService, type UserService } from './user-service.js';

export interface TenancyServices {
  tenants: TenantService;
  users: UserService;
  branding: BrandingService;
  flags: FlagService;
}

// One accessor per service, each made once per runtime: a route imports only the service it
// uses, so a one-route Lambda bundle carries no other service.
export const tenantService = (runtime: Runtime): TenantService => runtime.service('tenancy.tenants', createTenantService);
export const userService = (runtime: Runtime): UserService => runtime.service('tenancy.users', createUserService);
export const brandingService = (runtime: Runtime): BrandingService => runtime.service('tenancy.branding', createBrandingService);
export const flagService = (runtime: Runtime): FlagService => runtime.service('tenancy.flags', createFlagService);

/** Every tenancy service of a runtime. */
export const tenancy = (runtime: Runtime): TenancyServices => ({
  tenants: tenantService(runtime),
  users: userService(runtime),
  branding: brandingService(runtime),
  flags: flagService(runtime),
});

export { createBrandingService, createFlagService, createTenantService, createUserService };
export type { BrandingService, FlagService, TenantService, UserService };
export { DNS_RESOLVER, type DnsResolver } from './dns.js';
export { evaluateFlag, rolloutBucket, type EvaluationSubject, type FlagEvaluation } from './flag-evaluation.js';
