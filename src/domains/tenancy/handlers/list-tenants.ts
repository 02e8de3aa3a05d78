/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { listTenantsRoute } from '../routes/tenants/list-tenants.js';

export const handler = createLambdaHandler([listTenantsRoute]);
