/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { createUserRoute } from '../routes/users/create-user.js';

export const handler = createLambdaHandler([createUserRoute]);
