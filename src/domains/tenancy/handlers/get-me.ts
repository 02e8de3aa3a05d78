/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { getMeRoute } from '../routes/users/get-me.js';

export const handler = createLambdaHandler([getMeRoute]);
