/**
 * The verified facts about a caller, before tenant and membership are looked up. Claim names are
 * configurable; the defaults are Cognito's (`sub`, `email`, `custom:tenant_id`, `cognito:groups`).
 */
import type { SdkConfig } from '../config.js';
import { ERROR_CODES, type AuthMethod } from '../constants.js';
import { UnauthorizedError } from '../errors.js';
import { ID_PATTERN } from '../ids.js';

export interface Identity {
  userId: string;
  email?: string;
  tenantId?: string;
  roles: string[];
  authMethod: AuthMethod;
  /** Permissions granted directly (API key scopes); roles grant the rest. */
  scopes?: string[];
}

/** Roles arrive as an array, or as a string: comma/space separated, or API Gateway's "[a b]" rendering. */
export const parseRoles = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((r): r is string => typeof r === 'string' && r !== '');
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((r) => r !== '');
};

export const identityFromClaims = (claims: Record<string, unknown>, names: SdkConfig['auth']['claims']): Identity => {
  const subject = claims[names.subject];
  if (typeof subject !== 'string' || !ID_PATTERN.test(subject)) {
    throw new UnauthorizedError(ERROR_CODES.invalidToken, `The token has no usable "${names.subject}" claim.`);
  }
  const email = claims[names.email];
  const tenantId = claims[names.tenantId];
  if (tenantId !== undefined && tenantId !== '' && (typeof tenantId !== 'string' || !ID_PATTERN.test(tenantId))) {
    throw new UnauthorizedError(ERROR_CODES.invalidToken, `The token's "${names.tenantId}" claim is not a valid tenant id.`);
  }
  return {
    userId: subject,
    ...(typeof email === 'string' && email !== '' ? { email: email.toLowerCase() } : {}),
    ...(typeof tenantId === 'string' && tenantId !== '' ? { tenantId } : {}),
    roles: parseRoles(claims[names.roles]),
    authMethod: 'jwt',
  };
};
