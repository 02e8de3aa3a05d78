/**
 * Starts DynamoDB Local once for the whole test run (in memory, on a free port) and hands its
 * endpoint to every test file. Each file then creates its own table, so files never share data.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../src/local/dynamodb-local.js';
import { freePort } from '../src/local/ports.js';

// The SDK's Node 20 notice would repeat in every worker; the SDK supports Node 20.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

let dynamo: DynamoDbLocal | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
