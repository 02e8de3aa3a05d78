/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { deleteUserRoute } from '../routes/users/delete-user.js';

export const handler = createLambdaHandler([deleteUserRoute]);
