/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { getUserRoute } from '../routes/users/get-user.js';

export const handler = createLambdaHandler([getUserRoute]);
