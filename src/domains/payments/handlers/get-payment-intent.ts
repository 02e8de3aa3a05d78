/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { getPaymentIntentRoute } from '../routes/read-routes.js';

export const handler = createLambdaHandler([getPaymentIntentRoute]);
