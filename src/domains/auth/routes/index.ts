import type { Route } from '../../../core/http/route.js';
import { createApiKeyRoute, getApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute, rotateApiKeyRoute } from './api-keys/api-key-routes.js';
import {
  acceptInvitationRoute,
  createInvitationRoute,
  getInvitationRoute,
  listInvitationsRoute,
  resendInvitationRoute,
  revokeInvitationRoute,
} from './invitations/invitation-routes.js';
import { checkPermissionsRoute, deletePolicyRoute, getPolicyRoute, listPoliciesRoute, putPolicyRoute } from './policies/policy-routes.js';

export * from './api-keys/api-key-routes.js';
export * from './invitations/invitation-routes.js';
export * from './policies/policy-routes.js';

export const authRoutes: readonly Route[] = [
  listPoliciesRoute,
  checkPermissionsRoute,
  getPolicyRoute,
  putPolicyRoute,
  deletePolicyRoute,
  createInvitationRoute,
  listInvitationsRoute,
  acceptInvitationRoute,
  getInvitationRoute,
  resendInvitationRoute,
  revokeInvitationRoute,
  createApiKeyRoute,
  listApiKeysRoute,
  getApiKeyRoute,
  revokeApiKeyRoute,
  rotateApiKeyRoute,
];
