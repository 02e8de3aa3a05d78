/** A fresh table per test file on the shared DynamoDB Local, and a store over it. */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { createDocumentClient } from '../../src/core/store/client.js';
import { ensureTable } from '../../src/core/store/ensure-table.js';
import { Store } from '../../src/core/store/store.js';
import { LOCAL_CREDENTIALS } from '../../src/local/dynamodb-local.js';

export const TEST_CURSOR_SECRET = 'test-cursor-secret-0123456789abcdef0123456789';

export interface TestTable {
  endpoint: string;
  tableName: string;
  client: DynamoDBDocumentClient;
  store: Store;
}

export const testClient = (options: { endpoint?: string; maxAttempts?: number } = {}): DynamoDBDocumentClient =>
  createDocumentClient({ region: 'us-east-1', endpoint: options.endpoint ?? inject('dynamoEndpoint'), credentials: LOCAL_CREDENTIALS, maxAttempts: options.maxAttempts ?? 2 });

export const createTestTable = async (options: { clock?: Clock } = {}): Promise<TestTable> => {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID()}`;
  const admin = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
  await ensureTable(admin, tableName);
  admin.destroy();
  const client = testClient({ endpoint });
  const store = new Store({ client, tableName, cursorSecret: TEST_CURSOR_SECRET, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  return { endpoint, tableName, client, store };
};
