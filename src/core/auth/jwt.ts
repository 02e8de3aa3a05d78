/**
 * Bearer token verification against the issuer's JWKS (jose). Keys are fetched once and cached
 * per process by jose; verified tokens are cached until they expire, so a warm Lambda pays for a
 * signature check once per token rather than once per request.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { SdkConfig } from '../config.js';
import { ERROR_CODES } from '../constants.js';
import { InternalError, UnauthorizedError } from '../errors.js';

export interface TokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

const MAX_CACHED = 5_000;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256'];

const reasonOf = (error: unknown): string => {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not accepted.`;
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token was not signed by a known key.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  return 'The token is not valid.';
};

export const createTokenVerifier = (auth: SdkConfig['auth'], now: () => number = Date.now): TokenVerifier => {
  let keySet: ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet> | undefined;
  const keys = () => {
    if (keySet !== undefined) return keySet;
    if (auth.jwks !== undefined) keySet = createLocalJWKSet(auth.jwks);
    else if (auth.jwksUrl !== undefined) keySet = createRemoteJWKSet(new URL(auth.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    else throw new InternalError('Token verification is not configured: set AUTH_ISSUER (and AUTH_JWKS_URL or AUTH_JWKS).');
    return keySet;
  };
  const cache = new Map<string, { claims: Record<string, unknown>; expiresAt: number }>();

  return {
    async verify(token) {
      const hit = cache.get(token);
      if (hit !== undefined) {
        if (hit.expiresAt > now()) return hit.claims;
        cache.delete(token);
      }
      if (auth.issuer === undefined) throw new InternalError('AUTH_ISSUER is not configured.');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys(), {
          issuer: auth.issuer,
          ...(auth.audience.length > 0 ? { audience: auth.audience } : {}),
          algorithms: ALGORITHMS,
          clockTolerance: 30,
          currentDate: new Date(now()),
        }));
      } catch (error) {
        if (error instanceof InternalError) throw error;
        throw new UnauthorizedError(ERROR_CODES.invalidToken, reasonOf(error), { cause: error });
      }
      if (auth.clientId !== undefined) {
        const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
        if (payload['client_id'] !== auth.clientId && !audiences.includes(auth.clientId)) {
          throw new UnauthorizedError(ERROR_CODES.invalidToken, 'The token was issued to another client.');
        }
      }
      if (payload.exp === undefined) throw new UnauthorizedError(ERROR_CODES.invalidToken, 'The token has no expiry.');
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(token, { claims: payload, expiresAt: payload.exp * 1000 });
      return payload;
    },
  };
};
