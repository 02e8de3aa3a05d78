/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { updateTenantRoute } from '../routes/tenants/update-tenant.js';

export const handler = createLambdaHandler([updateTenantRoute]);
