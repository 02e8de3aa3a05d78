/**
 * The baseline for Lambdas that hand out S3 presigned URLs (the files domain's uploads,
 * downloads, deletion, derivations): the bare DynamoDB read of bare-get.ts plus the minimal S3
 * work such a Lambda must carry in any design, an S3 client that checks an object (HeadObject)
 * and presigns a PUT. What a files handler bundles beyond this is the SDK's cost, as for tenancy.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const s3 = new S3Client({});

export const handler = async (event: { pathParameters?: { id?: string } }): Promise<unknown> => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env['TABLE_NAME'], Key: { pk: event.pathParameters?.id, sk: 'ITEM' } }));
  if (Item === undefined) return { statusCode: 404, body: 'null' };
  const Key = String(Item['key']);
  const head = await s3.send(new HeadObjectCommand({ Bucket: process.env['BUCKET_NAME'], Key })).catch(() => undefined);
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: process.env['BUCKET_NAME'], Key }), { expiresIn: 300 });
  return { statusCode: 200, body: JSON.stringify({ size: head?.ContentLength ?? null, url }) };
};
