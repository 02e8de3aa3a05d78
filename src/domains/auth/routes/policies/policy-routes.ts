/** Access policies over HTTP: list, read, replace, delete, and check the caller's own permissions. */
import { defineRoute, json } from '../../../../core/http/route.js';
import { etagOf } from '../../../../core/http/route.js';
import { AccessPolicySchema } from '../../models/access-policy.js';
import { policyService } from '../../services/index.js';
import { CheckBody, CheckResult, PolicyBody, PolicyList, RoleParams } from './schemas.js';

const withEtag = (policy: { version?: number | undefined }): Record<string, string> => (policy.version === undefined ? {} : { etag: etagOf(policy.version) });

export const listPoliciesRoute = defineRoute({
  method: 'GET',
  path: '/access-policies',
  operationId: 'listAccessPolicies',
  summary: 'List the tenant\'s roles and their policies',
  description: 'Built-in roles first (with this tenant\'s overrides applied), then the tenant\'s own roles. At most 100 roles: one page.',
  tags: ['access-policies'],
  permission: 'access-policies:read',
  responses: { 200: { description: 'Every role of the tenant.', schema: PolicyList } },
  handler: async ({ ctx, runtime }) => json(200, await policyService(runtime).list(ctx)),
});

export const getPolicyRoute = defineRoute({
  method: 'GET',
  path: '/access-policies/{role}',
  operationId: 'getAccessPolicy',
  summary: 'Get one role\'s policy',
  description: 'A stored policy carries an ETag for If-Match; a built-in role without override has none.',
  tags: ['access-policies'],
  permission: 'access-policies:read',
  params: RoleParams,
  responses: { 200: { description: 'The effective policy.', schema: AccessPolicySchema } },
  handler: async ({ ctx, params, runtime }) => {
    const policy = await policyService(runtime).get(ctx, params.role);
    return json(200, policy, withEtag(policy));
  },
});

export const putPolicyRoute = defineRoute({
  method: 'PUT',
  path: '/access-policies/{role}',
  operationId: 'putAccessPolicy',
  summary: 'Create or replace a role\'s policy',
  description: 'A new role, or an override of a built-in one (which may only tighten it). Replacing an existing policy needs If-Match (428 without, 412 when stale). tenant_admin must keep what it takes to administer (422 admin_lockout).',
  tags: ['access-policies'],
  permission: 'access-policies:update',
  params: RoleParams,
  errors: [428],
  body: PolicyBody,
  responses: { 200: { description: 'The policy, replaced.', schema: AccessPolicySchema }, 201: { description: 'The policy, created.', schema: AccessPolicySchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => {
    const { policy, created } = await policyService(runtime).put(ctx, params.role, body, ifMatch);
    return json(created ? 201 : 200, policy, { ...withEtag(policy), ...(created ? { location: `/access-policies/${params.role}` } : {}) });
  },
});

export const deletePolicyRoute = defineRoute({
  method: 'DELETE',
  path: '/access-policies/{role}',
  operationId: 'deleteAccessPolicy',
  summary: 'Delete a role, or a built-in role\'s override',
  description: 'A custom role still held by any membership cannot be deleted (409 role_in_use). Deleting a built-in role\'s override restores its default.',
  tags: ['access-policies'],
  permission: 'access-policies:delete',
  params: RoleParams,
  responses: { 204: { description: 'Deleted.' } },
  handler: async ({ ctx, params, ifMatch, runtime }) => {
    await policyService(runtime).remove(ctx, params.role, ifMatch);
    return { status: 204 };
  },
});

export const checkPermissionsRoute = defineRoute({
  method: 'POST',
  path: '/access-policies/check',
  operationId: 'checkPermissions',
  summary: 'May I? A decision per permission, with its reason',
  description: 'For front ends: which actions to show. Each decision names the rule that matched (a deny always wins).',
  tags: ['access-policies'],
  tenant: 'optional',
  permission: 'access-policies:check',
  idempotent: false,
  body: CheckBody,
  responses: { 200: { description: 'One decision per permission asked.', schema: CheckResult } },
  handler: async ({ ctx, body, runtime }) => json(200, { decisions: policyService(runtime).check(ctx, body.permissions) }),
});
