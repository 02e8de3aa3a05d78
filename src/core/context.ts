/**
 * The caller of every service method. Built once per request by the HTTP layer (or by a
 * job for system work) and passed first to every service call; services never read globals.
 */
import type { Grant } from './access/policies.js';
import { AUTH_METHODS, type AuthMethod } from './constants.js';

export interface RequestContext {
  /** The tenant the caller acts in; absent for a platform-level caller or a person with no tenant yet. */
  readonly tenantId?: string;
  /** The identity subject (JWT `sub`), the API key id, or `system`. */
  readonly userId: string;
  readonly email?: string;
  readonly roles: readonly string[];
  /** Every allowed pattern (`resource:action`, wildcards allowed), for display; decisions use `grants`. */
  readonly permissions: readonly string[];
  /** Where the caller's permissions come from: each role's policy, the baseline, or an API key's scopes. */
  readonly grants: readonly Grant[];
  readonly authMethod: AuthMethod;
  readonly requestId: string;
  /** The tenant named by the credentials themselves (differs from tenantId when a platform admin uses X-Tenant-Id). */
  readonly homeTenantId?: string;
}

export const PLATFORM_ADMIN_ROLE = 'platform_admin';

export const isPlatformAdmin = (ctx: Pick<RequestContext, 'roles'>): boolean => ctx.roles.includes(PLATFORM_ADMIN_ROLE);

/** A context for background work inside one tenant (or the platform when tenantId is omitted). */
export const systemContext = (options: { tenantId?: string; requestId?: string } = {}): RequestContext => ({
  ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
  userId: 'system',
  roles: [PLATFORM_ADMIN_ROLE],
  permissions: ['*'],
  grants: [{ source: 'system', allow: ['*'], deny: [] }],
  authMethod: AUTH_METHODS.system,
  requestId: options.requestId ?? 'system',
});

/** The same caller acting inside another tenant (used by platform-level flows such as tenant creation). */
export const withTenant = (ctx: RequestContext, tenantId: string): RequestContext => ({ ...ctx, tenantId });
