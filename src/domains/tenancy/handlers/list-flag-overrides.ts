/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { listFlagOverridesRoute } from '../routes/flags/override-routes.js';

export const handler = createLambdaHandler([listFlagOverridesRoute]);
