/** Lambda entry point for the whole files domain. */
import { createLambdaHandler } from '../../../core/http/lambda.js';
import { fileRoutes } from '../routes/index.js';

export const handler = createLambdaHandler(fileRoutes);
