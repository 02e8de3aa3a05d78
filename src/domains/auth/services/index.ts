import type { Runtime } from '../../../core/runtime.js';
import { createApiKeyService, type ApiKeyService } from './api-key-service.js';
import { createInvitationService, type InvitationService } from './invitation-service.js';
import { createPolicyService, type PolicyService } from './policy-service.js';

export interface AuthServices {
  policies: PolicyService;
  invitations: InvitationService;
  apiKeys: ApiKeyService;
}

// One accessor per service (a route imports only what it uses), each made once per runtime.
export const policyService = (runtime: Runtime): PolicyService => runtime.service('auth.policies', createPolicyService);
export const invitationService = (runtime: Runtime): InvitationService => runtime.service('auth.invitations', createInvitationService);
export const apiKeyService = (runtime: Runtime): ApiKeyService => runtime.service('auth.api-keys', createApiKeyService);

/** Every auth service of a runtime. */
export const auth = (runtime: Runtime): AuthServices => ({
  policies: policyService(runtime),
  invitations: invitationService(runtime),
  apiKeys: apiKeyService(runtime),
});

export { createApiKeyService, createInvitationService, createPolicyService };
export type { ApiKeyService, InvitationService, PolicyService };
