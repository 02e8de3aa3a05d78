/** `geek-cafe-saas-sdk/auth`: access policies, invitations and API keys. */
export * from './models/access-policy.js';
export * from './models/api-key.js';
export * from './models/invitation.js';
export * from './services/index.js';
export * from './routes/index.js';
