/** Lambda entry point for one route (API Gateway HTTP API, payload v2). */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { listInvitationsRoute } from '../routes/invitations/invitation-routes.js';

export const handler = createLambdaHandler([listInvitationsRoute]);
