/**
 * geek-cafe-saas-sdk: a multi-tenant SaaS backend for AWS Lambda + DynamoDB. Import a subpath
 * (`/core`, `/tenancy`, ...) in a Lambda to keep its bundle to what it uses.
 */
export * from './core/index.js';
export * from './domains/tenancy/index.js';
export * from './domains/auth/index.js';
export * from './domains/files/index.js';
export * from './domains/payments/index.js';
export { apiRoutes } from './routes.js';
