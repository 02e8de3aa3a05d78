/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { createTenantRoute } from '../routes/tenants/create-tenant.js';

export const handler = createLambdaHandler([createTenantRoute]);
