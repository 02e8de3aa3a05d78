/**
 * Starts DynamoDB Local once for the whole test run (in memory, on a free port) and hands its
 * endpoint to every test file. Each file then creates its own table, so files never share data.
 */
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../src/local/dynamodb-local.js';
import { freePort } from '../src/local/ports.js';
import { startS3Local, type S3Local } from '../src/local/s3-local.js';

// The SDK's Node 20 notice would repeat in every worker; the SDK supports Node 20.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let dynamo: DynamoDbLocal | undefined;
let s3: S3Local | undefined;

/** DynamoDB Local and the S3-compatible server, once for the whole run; each test file makes its own table and bucket. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const s3Dir = mkdtempSync(join(tmpdir(), 'gc-s3-'));
  [dynamo, s3] = await Promise.all([
    startDynamoDbLocal({ port: await freePort() }),
    startS3Local({ port: await freePort(), dataDir: s3Dir, bucket: 'test-shared' }),
  ]);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await Promise.all([dynamo?.stop(), s3?.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}
