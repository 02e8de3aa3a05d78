/**
 * The baseline Lambda for the cold-start comparison: the AWS documentation's minimal DynamoDB
 * read, one DocumentClient GetCommand, client made at module load as a Lambda would. Everything a
 * tenancy handler bundles beyond this is the SDK's cost. Never imported by the benchmark process
 * itself: it is only bundled and imported in child processes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pathParameters?: { id?: string } }): Promise<unknown> => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env['TABLE_NAME'], Key: { pk: event.pathParameters?.id, sk: 'ITEM' } }));
  return { statusCode: Item === undefined ? 404 : 200, body: JSON.stringify(Item ?? null) };
};
