import type { Runtime } from '../../../core/runtime.js';
import { createTenantService, type TenantService } from './tenant-service.js';
import { createUserService, type UserService } from './user-service.js';

export interface TenancyServices {
  tenants: TenantService;
  users: UserService;
}

/** The tenancy services of a runtime, made once per runtime. */
export const tenancy = (runtime: Runtime): TenancyServices =>
  runtime.service('tenancy', (rt) => ({ tenants: createTenantService(rt), users: createUserService(rt) }));

export { createTenantService, createUserService };
export type { TenantService, UserService };
