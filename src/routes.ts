/**
 * Every route of the SDK, in one list: the local server serves it, the OpenAPI document is made
 * from it, and the cross-cutting tests (permissions, tenant isolation) walk it. A new domain
 * adds its routes here.
 */
import { healthRoute } from './core/http/health-route.js';
import type { Route } from './core/http/route.js';
import { authRoutes } from './domains/auth/routes/index.js';
import { fileRoutes } from './domains/files/routes/index.js';
import { paymentRoutes } from './domains/payments/routes/index.js';
import { tenancyRoutes } from './domains/tenancy/routes/index.js';

export const apiRoutes: readonly Route[] = [healthRoute, ...tenancyRoutes, ...authRoutes, ...fileRoutes, ...paymentRoutes];
