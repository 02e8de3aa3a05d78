/**
 * `geek-cafe-saas-sdk/tenancy`: tenants and their users (memberships), each tenant's branding and
 * its feature flags. The OpenFeature provider is a separate subpath (`/tenancy/openfeature`).
 */
export * from './models/tenant.js';
export * from './models/user.js';
export * from './models/branding.js';
export * from './models/flag.js';
export * from './services/index.js';
export * from './routes/index.js';
