/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { checkPermissionsRoute } from '../routes/policies/policy-routes.js';

export const handler = createLambdaHandler([checkPermissionsRoute]);
