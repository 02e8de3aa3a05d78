/** Lambda entry point for the whole tenancy domain: every tenant and user route in one function. */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { tenancyRoutes } from '../routes/index.js';

export const handler = createLambdaHandler(tenancyRoutes);
