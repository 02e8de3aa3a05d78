/**
 * The baseline for Lambdas that call the PSP (billing accounts, intents, refunds): the bare
 * DynamoDB read of bare-get.ts plus the minimal Stripe work such a Lambda must carry in any
 * design, the stripe client creating a payment intent. What a payments handler bundles beyond
 * this is the SDK's cost, as for tenancy.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const stripe = new Stripe(process.env['STRIPE_SECRET_KEY'] ?? 'sk_test_unset');

export const handler = async (event: { pathParameters?: { id?: string } }): Promise<unknown> => {
  const { Item } = await client.send(new GetCommand({ TableName: process.env['TABLE_NAME'], Key: { pk: event.pathParameters?.id, sk: 'ITEM' } }));
  if (Item === undefined) return { statusCode: 404, body: 'null' };
  const intent = await stripe.paymentIntents.create({ amount: Number(Item['amount']), currency: 'eur' });
  return { statusCode: 200, body: JSON.stringify({ id: intent.id }) };
};
