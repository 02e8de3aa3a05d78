/**
 * A complete runtime for tests: its own table on the shared DynamoDB Local, a token issuer with a
 * fresh key pair (the same code as the local issuer), and helpers to mint tokens.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/core/clock.js';
import { loadConfig, type SdkConfig } from '../../src/core/config.js';
import type { Logger } from '../../src/core/logger.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/core/runtime.js';
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { DNS_RESOLVER } from '../../src/domains/tenancy/services/dns.js';
import { S3_CLIENT } from '../../src/domains/files/storage/file-storage.js';
import { PAYMENT_PROVIDER } from '../../src/domains/payments/provider/index.js';
import { createLocalProvider } from '../../src/domains/payments/provider/local-provider.js';
import { localS3Client } from '../../src/local/s3-local.js';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadLocalIssuer, type LocalIssuer, type TokenClaims } from '../../src/local/issuer.js';
import { TEST_CURSOR_SECRET, createTestTable, type TestTable } from './dynamo.js';

export interface TestRuntime {
  runtime: Runtime;
  table: TestTable;
  issuer: LocalIssuer;
  config: SdkConfig;
  token(claims: TokenClaims): Promise<string>;
}

let sharedIssuer: Promise<LocalIssuer> | undefined;
/** One key pair per test file is plenty; made in a temp folder like the local runtime's. */
export const testIssuer = (): Promise<LocalIssuer> => (sharedIssuer ??= loadLocalIssuer(mkdtempSync(join(tmpdir(), 'gc-issuer-'))));

/** Webhooks in tests are signed with this (by the stripe package's own test helper). */
export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_test_secret_for_geek_cafe_tests';

export const createTestRuntime = async (
  options: { env?: Record<string, string>; clock?: Clock; logger?: Logger } & Partial<Pick<RuntimeOptions, 'authenticators' | 'hooks'>> = {},
): Promise<TestRuntime> => {
  const issuer = await testIssuer();
  const table = await createTestTable(options.clock === undefined ? {} : { clock: options.clock });
  const bucket = `test-${randomUUID().slice(0, 18)}`;
  const config = loadConfig({
    TABLE_NAME: table.tableName,
    BUCKET_NAME: bucket,
    S3_ENDPOINT: inject('s3Endpoint'),
    S3_FORCE_PATH_STYLE: 'true',
    DYNAMODB_ENDPOINT: table.endpoint,
    AUTH_ISSUER: LOCAL_ISSUER,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_JWKS: JSON.stringify(issuer.jwks),
    CURSOR_SECRET: TEST_CURSOR_SECRET,
    LOG_LEVEL: 'silent',
    PAYMENT_PROVIDER: 'local',
    STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET,
    ...options.env,
  });
  const runtime = createRuntime({
    config,
    client: table.client,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.authenticators === undefined ? {} : { authenticators: options.authenticators }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  });
  // Its own bucket on the shared S3-compatible server.
  const s3 = localS3Client(inject('s3Endpoint'));
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  runtime.provide(S3_CLIENT, s3);
  if (runtime.config.payments.provider === 'local') runtime.provide(PAYMENT_PROVIDER, createLocalProvider());
  // No test reaches real DNS: a resolver that finds nothing, unless a test provides another.
  runtime.provide(DNS_RESOLVER, { resolveTxt: () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })) });
  // A week, so that tests which move a fixed clock forward by a day still hold valid tokens.
  return { runtime, table, issuer, config, token: (claims) => issuer.sign({ ttlSeconds: 7 * 24 * 3600, ...claims }) };
};
