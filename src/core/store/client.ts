/**
 * The DynamoDB client. Retries (throttling, transient network faults) use the SDK's standard
 * strategy: exponential backoff with full jitter, throttling errors with a longer base delay.
 * Timeouts are short so that an unreachable store turns into a 503 rather than a hung Lambda.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SdkConfig } from '../config.js';

export interface DynamoClientOptions {
  region: string;
  endpoint?: string;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  credentials?: DynamoDBClientConfig['credentials'];
}

export const dynamoOptionsFromConfig = (config: SdkConfig): DynamoClientOptions => ({
  region: config.region,
  ...(config.dynamodb.endpoint === undefined ? {} : { endpoint: config.dynamodb.endpoint }),
  maxAttempts: config.dynamodb.maxAttempts,
  requestTimeoutMs: config.dynamodb.requestTimeoutMs,
  connectTimeoutMs: config.dynamodb.connectTimeoutMs,
});

export const createDocumentClient = (options: DynamoClientOptions): DynamoDBDocumentClient => {
  const base = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: 'standard',
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 3000,
      connectionTimeout: options.connectTimeoutMs ?? 1000,
      // Without this the SDK only warns on a request timeout and a silent store hangs the Lambda.
      throwOnRequestTimeout: true,
    },
  });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
};
