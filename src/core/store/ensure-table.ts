/**
 * Creates the table from TABLE_DEFINITION when it is absent, adds any GSI a newer SDK version
 * declares, and turns TTL on. Used by the local runtime and the tests; a deployment provisions
 * the same definition (TABLE_DEFINITION) with its own tooling.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GSI_NAMES, TABLE_DEFINITION, createTableInput, gsiDefinition } from './table.js';

type AnyClient = DynamoDBClient;

const describe = async (client: AnyClient, tableName: string) => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
};

const waitActive = async (client: AnyClient, tableName: string): Promise<void> => {
  for (let i = 0; i < 600; i++) {
    const table = await describe(client, tableName);
    const busy = table?.TableStatus !== 'ACTIVE' || (table.GlobalSecondaryIndexes ?? []).some((g) => g.IndexStatus !== 'ACTIVE');
    if (!busy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Table ${tableName} did not become active.`);
};

/** Accepts the base client or a DocumentClient (whose base client is used). */
export const ensureTable = async (anyClient: AnyClient | { config: unknown; send: unknown }, tableName: string): Promise<'created' | 'updated' | 'unchanged'> => {
  const client = anyClient as AnyClient;
  const existing = await describe(client, tableName);
  let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (existing === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      outcome = 'created';
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
  } else {
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    const input = createTableInput(tableName);
    for (const name of GSI_NAMES.filter((n) => !present.has(n))) {
      // DynamoDB accepts one new GSI per UpdateTable call.
      await client.send(new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: gsiDefinition(name) }],
      }));
      await waitActive(client, tableName);
      outcome = 'updated';
    }
  }
  await waitActive(client, tableName);
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    }));
  }
  return outcome;
};
