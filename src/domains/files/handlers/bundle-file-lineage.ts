/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { bundleLineageRoute } from '../routes/bundle-route.js';

export const handler = createLambdaHandler([bundleLineageRoute]);
