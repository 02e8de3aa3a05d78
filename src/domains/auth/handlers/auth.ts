/** Lambda entry point for the whole auth domain: policies, invitations and API keys in one function. */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { authRoutes } from '../routes/index.js';

export const handler = createLambdaHandler(authRoutes);
