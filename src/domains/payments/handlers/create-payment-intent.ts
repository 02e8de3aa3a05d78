/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { createPaymentIntentRoute } from '../routes/intent-routes.js';

export const handler = createLambdaHandler([createPaymentIntentRoute]);
