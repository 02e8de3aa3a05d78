/**
 * Turns a verified identity into the RequestContext every service receives: the tenant it acts
 * in (a platform admin may pick one with X-Tenant-Id; everyone else stays in the tenant of their
 * credentials), the tenant's status, the member's status and effective roles, and permissions.
 */
import { ERROR_CODES } from '../constants.js';
import { PLATFORM_ADMIN_ROLE, type RequestContext } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { ID_PATTERN } from '../ids.js';
import type { Identity } from '../auth/identity.js';
import type { AccessDirectory } from './directory.js';
import { PLATFORM_PERMISSIONS, allowedPatterns, grantsFor, type Grant, type PolicyRules } from './policies.js';

export interface ResolveOptions {
  identity: Identity;
  /** The X-Tenant-Id header, if sent. */
  tenantHeader: string | undefined;
  requestId: string;
  directory: AccessDirectory;
}

const pickTenant = (identity: Identity, header: string | undefined, admin: boolean): string | undefined => {
  if (header === undefined || header === '') return identity.tenantId;
  if (header === identity.tenantId) return header;
  if (!admin) {
    throw new ForbiddenError(ERROR_CODES.tenantOverrideForbidden, 'Only a platform admin may act in another tenant (X-Tenant-Id).');
  }
  if (!ID_PATTERN.test(header)) throw new NotFoundError('Tenant');
  return header;
};

export const resolveContext = async (options: ResolveOptions): Promise<RequestContext> => {
  const { identity, directory } = options;
  const admin = identity.roles.includes(PLATFORM_ADMIN_ROLE);
  const tenantId = pickTenant(identity, options.tenantHeader, admin);
  let roles = identity.roles;
  let policies: ReadonlyMap<string, PolicyRules> = new Map();

  if (tenantId !== undefined) {
    // An API key has no membership: only the tenant's status is looked up for it.
    const { tenant, membership, policies: tenantPolicies } = await directory.lookup(tenantId, identity.authMethod === 'jwt' ? identity.userId : undefined);
    policies = tenantPolicies;
    if (tenant === undefined) {
      if (admin) throw new NotFoundError('Tenant');
      throw new ForbiddenError(ERROR_CODES.forbidden, 'The tenant named by your credentials does not exist.');
    }
    if (!admin && tenant.status === 'suspended') {
      throw new ForbiddenError(ERROR_CODES.tenantSuspended, 'This tenant is suspended.', { details: { tenantId, reason: tenant.statusReason } });
    }
    if (!admin && tenant.status === 'closed') {
      throw new ForbiddenError(ERROR_CODES.tenantClosed, 'This tenant is closed.', { details: { tenantId } });
    }
    if (membership !== undefined && identity.authMethod === 'jwt') {
      if (membership.status === 'disabled') throw new ForbiddenError(ERROR_CODES.userDisabled, 'Your membership in this tenant is disabled.');
      // The membership's roles are authoritative inside the tenant; platform_admin only ever comes from the credentials.
      roles = [...new Set([...membership.roles.filter((r) => r !== PLATFORM_ADMIN_ROLE), ...(admin ? [PLATFORM_ADMIN_ROLE] : [])])];
    }
  }

  // An API key holds exactly its scopes; a person holds their roles' policies and the baseline.
  // A key belongs to a tenant: whatever its scopes say, it never reaches platform permissions.
  const grants: Grant[] = identity.scopes === undefined ? grantsFor(roles, policies) : [{ source: 'api-key', allow: identity.scopes, deny: PLATFORM_PERMISSIONS }];
  return {
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(identity.tenantId === undefined ? {} : { homeTenantId: identity.tenantId }),
    userId: identity.userId,
    ...(identity.email === undefined ? {} : { email: identity.email }),
    roles,
    permissions: allowedPatterns(grants),
    grants,
    authMethod: identity.authMethod,
    requestId: options.requestId,
  };
};
