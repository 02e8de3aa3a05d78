import type { Runtime } from '../../../core/runtime.js';
import { createApiKeyService, type ApiKeyService } from './api-key-service.js';
import { createInvitationService, type InvitationService } from './invitation-service.js';
import { createPolicyService, type PolicyService } from './policy-service.js';

export interface AuthServices {
  policies: PolicyService;
  invitations: InvitationService;
  apiKeys: ApiKeyService;
}

/** The auth services of a runtime, made once per runtime. */
export const auth = (runtime: Runtime): AuthServices =>
  runtime.service('auth', (rt) => ({ policies: createPolicyService(rt), invitations: createInvitationService(rt), apiKeys: createApiKeyService(rt) }));

export { createApiKeyService, createInvitationService, createPolicyService };
export type { ApiKeyService, InvitationService, PolicyService };
