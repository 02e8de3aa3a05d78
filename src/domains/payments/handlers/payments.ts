/** Lambda entry point for the whole payments domain (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { paymentRoutes } from '../routes/index.js';

export const handler = createLambdaHandler(paymentRoutes);
