/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { getTenantRoute } from '../routes/tenants/get-tenant.js';

export const handler = createLambdaHandler([getTenantRoute]);
