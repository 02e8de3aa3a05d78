/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { stripeWebhookRoute } from '../routes/webhook-route.js';

export const handler = createLambdaHandler([stripeWebhookRoute]);
