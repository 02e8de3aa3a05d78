/**
 * Finds and checks the caller's credentials: a bearer JWT (verified against the JWKS, or taken
 * from an API Gateway JWT authorizer's already-verified claims), or a credential header such as
 * `x-api-key` handled by a registered authenticator. No credentials at all is a 401.
 */
import { ERROR_CODES } from '../constants.js';
import { UnauthorizedError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { identityFromClaims, type Identity } from './identity.js';

export interface CredentialSource {
  header(name: string): string | undefined;
  /** Claims an API Gateway JWT authorizer already verified, when running behind one. */
  claims?: Record<string, unknown>;
}

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

export const authenticate = async (runtime: Runtime, source: CredentialSource): Promise<Identity> => {
  for (const authenticator of runtime.authenticators) {
    const value = source.header(authenticator.header);
    if (value !== undefined && value !== '') return authenticator.authenticate(value, runtime);
  }
  const { auth } = runtime.config;
  if (auth.mode === 'apigateway') {
    const claims = source.claims;
    if (claims === undefined) throw new UnauthorizedError(ERROR_CODES.unauthorized, 'No verified claims came with the request (API Gateway authorizer).');
    return identityFromClaims(claims, auth.claims);
  }
  const header = source.header('authorization');
  if (header === undefined || header === '') throw new UnauthorizedError(ERROR_CODES.unauthorized, 'Send a bearer token (Authorization: Bearer <JWT>) or an API key.');
  const match = BEARER.exec(header);
  if (match === null) throw new UnauthorizedError(ERROR_CODES.invalidToken, 'The Authorization header must be "Bearer <JWT>".');
  const claims = await runtime.tokens.verify(match[1] as string);
  return identityFromClaims(claims, auth.claims);
};
