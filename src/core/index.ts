/** `geek-cafe-saas-sdk/core`: what every domain shares. */
export * from './errors.js';
export * from './constants.js';
export * from './context.js';
export * from './clock.js';
export * from './ids.js';
export * from './config.js';
export * from './logger.js';
export * from './validation.js';
export * from './schemas.js';
export * from './runtime.js';
export * from './store/index.js';
export * from './http/index.js';
export * from './access/permissions.js';
export { createAccessDirectory, TENANT_PRIMARY_KEY, MEMBERSHIP_PRIMARY_KEY, type AccessDirectory, type AccessEntry } from './access/directory.js';
export { resolveContext } from './access/resolve-context.js';
export { authenticate } from './auth/authenticate.js';
export { identityFromClaims, parseRoles, type Identity } from './auth/identity.js';
export { createTokenVerifier, type TokenVerifier } from './auth/jwt.js';
