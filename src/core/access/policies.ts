/**
 * Who may do what. A policy maps a role to allowed and denied permission patterns; a caller's
 * grants are the policies of their roles plus the baseline every signed-in person holds. A deny
 * that matches always wins over any allow. Decisions explain themselves (the rule that matched)
 * and are cached per request, never across requests or tenants.
 */
import { ERROR_CODES } from '../constants.js';
import type { RequestContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { permissionCovers } from './permissions.js';

export interface PolicyRules {
  allow: readonly string[];
  deny: readonly string[];
}

/** Permissions that only the platform operator holds; no tenant role can be given them. */
export const PLATFORM_PERMISSIONS = ['tenants:create', 'tenants:list', 'tenants:suspend', 'tenants:reactivate', 'tenants:close', 'flags:create', 'flags:update', 'flags:delete'] as const;

export const BUILT_IN_POLICIES = {
  platform_admin: { allow: ['*'], deny: [], description: 'Operates the platform: every permission in every tenant.' },
  tenant_admin: { allow: ['*'], deny: [...PLATFORM_PERMISSIONS], description: 'Administers one tenant: everything inside it.' },
  billing_admin: {
    allow: ['tenants:read', 'users:read', 'branding:read', 'billing:*', 'payments:*', 'refunds:*', 'subscriptions:*', 'invoices:*'],
    deny: [],
    description: 'Manages billing, payments and subscriptions; reads the tenant and its users.',
  },
  member: { allow: ['tenants:read', 'users:read', 'branding:read', 'files:read', 'files:create', 'files:update', 'files:archive', 'files:delete'], deny: [], description: 'Works in the tenant (their own files; tenant admins also manage everyone\'s).' },
  viewer: { allow: ['tenants:read', 'users:read', 'branding:read', 'files:read'], deny: [], description: 'Reads, changes nothing.' },
} as const satisfies Record<string, PolicyRules & { description: string }>;

export type BuiltInRole = keyof typeof BUILT_IN_POLICIES;
export const BUILT_IN_ROLE_NAMES = Object.keys(BUILT_IN_POLICIES) as BuiltInRole[];
export const isBuiltInRole = (role: string): role is BuiltInRole => Object.hasOwn(BUILT_IN_POLICIES, role);

/**
 * What every signed-in person may do whatever their roles: read who they are, ask what they may
 * do, accept an invitation addressed to them, and read the feature flags that apply to them.
 * A tenant policy may still deny these.
 */
export const BASELINE_PERMISSIONS = ['me:read', 'access-policies:check', 'invitations:accept', 'flags:evaluate'] as const;

/** Grant roles other than these to someone: held by tenant admins through `*`. */
export const GRANT_ROLES_PERMISSION = 'roles:grant';

/** One source of permissions in a caller's context: a role's policy, the baseline, or an API key's scopes. */
export interface Grant extends PolicyRules {
  source: string;
}

export interface MatchedRule {
  source: string;
  effect: 'allow' | 'deny';
  pattern: string;
}

export interface Decision {
  permission: string;
  allowed: boolean;
  reason: 'allowed' | 'denied' | 'no_matching_rule';
  matchedRule: MatchedRule | null;
}

/** Deny first (any grant), then the first allow; nothing matching is a denial too. */
export const evaluate = (grants: readonly Grant[], permission: string): Decision => {
  for (const grant of grants) {
    const pattern = grant.deny.find((p) => permissionCovers(p, permission));
    if (pattern !== undefined) return { permission, allowed: false, reason: 'denied', matchedRule: { source: grant.source, effect: 'deny', pattern } };
  }
  for (const grant of grants) {
    const pattern = grant.allow.find((p) => permissionCovers(p, permission));
    if (pattern !== undefined) return { permission, allowed: true, reason: 'allowed', matchedRule: { source: grant.source, effect: 'allow', pattern } };
  }
  return { permission, allowed: false, reason: 'no_matching_rule', matchedRule: null };
};

/**
 * The effective policy of a role in a tenant: a tenant's own policy for a custom role; for a
 * built-in role the tenant's override (which can only tighten: its allows are checked to stay
 * within the built-in's when saved, and the built-in's denies always stay) or else the default.
 */
export const effectivePolicy = (role: string, tenantPolicies: ReadonlyMap<string, PolicyRules>): PolicyRules | undefined => {
  const stored = tenantPolicies.get(role);
  // A tenant's own role never reaches platform permissions, whatever its allows say.
  if (!isBuiltInRole(role)) return stored === undefined ? undefined : { allow: stored.allow, deny: [...new Set([...PLATFORM_PERMISSIONS, ...stored.deny])] };
  const builtIn = BUILT_IN_POLICIES[role];
  return stored === undefined ? builtIn : { allow: stored.allow, deny: [...new Set([...builtIn.deny, ...stored.deny])] };
};

export const grantsFor = (roles: readonly string[], tenantPolicies: ReadonlyMap<string, PolicyRules> = new Map()): Grant[] => [
  ...roles.flatMap((role) => {
    const policy = effectivePolicy(role, tenantPolicies);
    return policy === undefined ? [] : [{ source: `role:${role}`, allow: policy.allow, deny: policy.deny }];
  }),
  { source: 'baseline', allow: BASELINE_PERMISSIONS, deny: [] },
];

/** Every allowed pattern of a set of grants (for display: GET /me). */
export const allowedPatterns = (grants: readonly Grant[]): string[] => [...new Set(grants.flatMap((g) => g.allow))];

const decisions = new WeakMap<RequestContext, Map<string, Decision>>();

/** Explains whether the caller may do something. Cached on the request's context object only. */
export const checkPermission = (ctx: RequestContext, permission: string): Decision => {
  let cache = decisions.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    decisions.set(ctx, cache);
  }
  let decision = cache.get(permission);
  if (decision === undefined) {
    decision = evaluate(ctx.grants, permission);
    cache.set(permission, decision);
  }
  return decision;
};

export const requirePermission = (ctx: RequestContext, permission: string): void => {
  const decision = checkPermission(ctx, permission);
  if (decision.allowed) return;
  const apiKey = ctx.authMethod === 'apiKey';
  throw new ForbiddenError(
    apiKey ? ERROR_CODES.insufficientScope : ERROR_CODES.permissionDenied,
    apiKey ? `This API key's scopes do not include "${permission}".` : `You need the permission "${permission}" to do this.`,
    { details: { missingPermission: permission, reason: apiKey ? 'insufficient_scope' : decision.reason, ...(decision.matchedRule === null ? {} : { matchedRule: decision.matchedRule }) } },
  );
};
