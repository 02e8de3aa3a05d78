/**
 * Lambda handlers for API Gateway HTTP API (payload v2) events. One route per function or a
 * whole domain per function: the same pipeline either way, since both are a Hono app over
 * route definitions. The runtime is built from the environment on the first request.
 */
import { handle } from 'hono/aws-lambda';
import { getDefaultRuntime, type Runtime } from '../runtime.js';
import type { LambdaHandler } from './apigw.js';
import { createApp } from './app.js';
import type { Route } from './route.js';

export interface LambdaHandlerOptions {
  /** Defaults to the process-wide runtime read from environment variables. */
  runtime?: Runtime | (() => Runtime);
}

export const createLambdaHandler = (routes: readonly Route[], options: LambdaHandlerOptions = {}): LambdaHandler =>
  handle(createApp(routes, { runtime: options.runtime ?? getDefaultRuntime })) as unknown as LambdaHandler;
