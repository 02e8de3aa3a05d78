/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { closeTenantRoute } from '../routes/tenants/tenant-status-routes.js';

export const handler = createLambdaHandler([closeTenantRoute]);
