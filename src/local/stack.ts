/**
 * The whole one-machine stack: DynamoDB Local and the S3-compatible server (data under the data
 * folder, kept across restarts), the table and bucket, the local token issuer, the runtime, and
 * the HTTP server serving every route through the Lambda handler.
 */
import { join } from 'node:path';
import type { Server } from 'node:http';
import { loadConfig, type SdkConfig } from '../core/config.js';
import { createDocsRoutes } from '../core/http/docs-routes.js';
import { createLambdaHandler } from '../core/http/lambda.js';
import type { Route } from '../core/http/route.js';
import { createLogger } from '../core/logger.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { createDocumentClient, dynamoOptionsFromConfig } from '../core/store/client.js';
import { ensureTable } from '../core/store/ensure-table.js';
import { apiRoutes } from '../routes.js';
import { LOCAL_CREDENTIALS, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadLocalIssuer, type LocalIssuer } from './issuer.js';
import { assertPortFree } from './ports.js';
import { localS3Client, startS3Local, type S3Local } from './s3-local.js';
import { S3_CLIENT } from '../domains/files/storage/file-storage.js';
import { PAYMENT_PROVIDER } from '../domains/payments/provider/index.js';
import { createLocalProvider } from '../domains/payments/provider/local-provider.js';
import { createLocalServer, listen } from './server.js';

export interface LocalStackOptions {
  port: number;
  dynamodbPort: number;
  s3Port: number;
  dataDir: string;
  /** Keep DynamoDB in memory instead of on disk (tests). */
  inMemory?: boolean;
  env?: Record<string, string | undefined>;
  routes?: readonly Route[];
}

export interface LocalStack {
  url: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  issuer: LocalIssuer;
  runtime: Runtime;
  stop(): Promise<void>;
}

/** The webhook signing secret of the local runtime (documented; never used in production). */
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_local_geek_cafe_saas_sdk';

export const localConfig = (issuer: LocalIssuer, endpoints: { dynamodb: string; s3: string }, env: Record<string, string | undefined>): SdkConfig =>
  loadConfig({
    ...env,
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    S3_ENDPOINT: endpoints.s3,
    S3_FORCE_PATH_STYLE: 'true',
    AUTH_MODE: 'jwt',
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    AUTH_JWKS_URL: undefined,
    CURSOR_SECRET: env['CURSOR_SECRET'] ?? issuer.cursorSecret,
    CORS_ORIGINS: env['CORS_ORIGINS'] ?? '*',
    // An in-process PSP unless Stripe is asked for; webhooks signed with a known local secret.
    PAYMENT_PROVIDER: env['PAYMENT_PROVIDER'] ?? 'local',
    STRIPE_WEBHOOK_SECRET: env['STRIPE_WEBHOOK_SECRET'] ?? LOCAL_STRIPE_WEBHOOK_SECRET,
  });

export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const env = options.env ?? process.env;
  // Fail on a taken API port before starting Java.
  await assertPortFree(options.port, 'PORT');
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const issuer = await loadLocalIssuer(options.dataDir);
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({ port: options.dynamodbPort, portVariable: 'DYNAMODB_PORT', ...(options.inMemory === true ? {} : { dataDir: join(options.dataDir, 'dynamodb') }) });
    stops.push(dynamo.stop);
    const config = localConfig(issuer, { dynamodb: dynamo.endpoint, s3: `http://127.0.0.1:${options.s3Port}` }, env);
    const s3: S3Local = await startS3Local({ port: options.s3Port, dataDir: join(options.dataDir, 's3'), bucket: config.bucketName });
    stops.push(s3.stop);
    const client = createDocumentClient({ ...dynamoOptionsFromConfig(config), credentials: LOCAL_CREDENTIALS });
    await ensureTable(client, config.tableName);
    const runtime = createRuntime({ config, client, logger: createLogger(config.logLevel) });
    const s3Client = localS3Client(s3.endpoint, config.region);
    runtime.provide(S3_CLIENT, s3Client);
    if (runtime.config.payments.provider === 'local') runtime.provide(PAYMENT_PROVIDER, createLocalProvider());
    stops.push(async () => s3Client.destroy());
    const routes = options.routes ?? apiRoutes;
    const handler = createLambdaHandler([...routes, ...createDocsRoutes(routes, { assetsBase: '/docs/assets', servers: [{ url: `http://localhost:${options.port}` }] })], { runtime });
    const server: Server = createLocalServer({ handler, jwks: issuer.jwks, port: options.port });
    await listen(server, options.port);
    stops.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    stops.push(async () => client.destroy());
    return { url: `http://localhost:${options.port}`, dynamodbEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, issuer, runtime, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** Ports and folders from the environment, with the documented defaults. */
export const stackOptionsFromEnv = (env: Record<string, string | undefined>, dataDir: string): LocalStackOptions => {
  const port = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, got "${env[name]}".`);
    return value;
  };
  return { port: port('PORT', 3000), dynamodbPort: port('DYNAMODB_PORT', 8000), s3Port: port('S3_PORT', 4569), dataDir, env };
};
