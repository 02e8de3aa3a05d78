/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { revokeApiKeyRoute } from '../routes/api-keys/api-key-routes.js';

export const handler = createLambdaHandler([revokeApiKeyRoute]);
