/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { listUsersRoute } from '../routes/users/list-users.js';

export const handler = createLambdaHandler([listUsersRoute]);
