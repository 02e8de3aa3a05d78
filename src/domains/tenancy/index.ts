/** `geek-cafe-saas-sdk/tenancy`: tenants and their users (memberships). */
export * from './models/tenant.js';
export * from './models/user.js';
export * from './services/index.js';
export * from './routes/index.js';
