/** Stripe's webhook: public (Stripe signs instead of authenticating), verified on the raw body. */
import { defineRoute, json } from '../../../core/http/route.js';
import { webhookService } from '../services/index.js';
import * as z from 'zod/mini';
import { doc } from '../../../core/schemas.js';

const WebhookAck = doc(
  z.object({ received: z.literal(true), eventId: z.string(), type: z.string(), duplicate: z.boolean(), outcome: z.enum(['applied', 'stale', 'ignored']) }),
  { id: 'WebhookAck' },
);

export const stripeWebhookRoute = defineRoute({
  method: 'POST',
  path: '/webhooks/stripe',
  operationId: 'stripeWebhook',
  summary: 'Receive a Stripe event',
  description: 'Stripe-Signature is checked against the raw body with STRIPE_WEBHOOK_SECRET (300 s tolerance; 401 invalid_signature otherwise). Each event id is applied once; a repeat is acknowledged with `duplicate: true`. Events older than a record\'s state change nothing (`outcome: stale`).',
  tags: ['payments'],
  access: 'public',
  idempotent: false,
  errors: [401, 422],
  responses: { 200: { description: 'Received.', schema: WebhookAck } },
  handler: async ({ rawBody, header, runtime }) => json(200, await webhookService(runtime).handleStripe(rawBody, header('stripe-signature'))),
});
