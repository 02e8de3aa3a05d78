/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { updateUserRoute } from '../routes/users/update-user.js';

export const handler = createLambdaHandler([updateUserRoute]);
