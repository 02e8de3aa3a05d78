/** Payment intents at the PSP: create, confirm, capture, cancel. */
import { defineRoute, resource } from '../../../core/http/route.js';
import { paymentIntentService } from '../services/index.js';
import { PaymentIntentSchema, toIntentView } from '../models/payment-intent.js';
import { CancelPaymentIntentBody, CapturePaymentIntentBody, ConfirmPaymentIntentBody, CreatePaymentIntentBody } from './intent-schemas.js';
import { PaymentIntentParams } from './schemas.js';

const responses = { 200: { description: 'The payment intent.', schema: PaymentIntentSchema } };

export const createPaymentIntentRoute = defineRoute({
  method: 'POST',
  path: '/payment-intents',
  operationId: 'createPaymentIntent',
  summary: 'Create a payment intent',
  description: 'At the PSP and here. The answer carries `clientSecret` (for the browser\'s confirmation); later reads show it to the creator only. Takes Idempotency-Key.',
  tags: ['payments'],
  permission: 'payments:create',
  body: CreatePaymentIntentBody,
  responses: { 201: { description: 'The payment intent.', schema: PaymentIntentSchema } },
  handler: async ({ ctx, body, runtime, header }) => {
    const intent = await paymentIntentService(runtime).create(ctx, body, header('idempotency-key'));
    return resource(201, toIntentView(intent, ctx.userId), { location: `/payment-intents/${intent.id}` });
  },
});

export const confirmPaymentIntentRoute = defineRoute({
  method: 'POST',
  path: '/payment-intents/{paymentIntentId}/confirm',
  operationId: 'confirmPaymentIntent',
  summary: 'Confirm a payment intent with a payment method (server-side)',
  tags: ['payments'],
  permission: 'payments:update',
  params: PaymentIntentParams,
  body: ConfirmPaymentIntentBody,
  conditional: false,
  responses,
  handler: async ({ ctx, params, body, runtime }) => resource(200, toIntentView(await paymentIntentService(runtime).confirm(ctx, params.paymentIntentId, body.paymentMethod), ctx.userId)),
});

export const capturePaymentIntentRoute = defineRoute({
  method: 'POST',
  path: '/payment-intents/{paymentIntentId}/capture',
  operationId: 'capturePaymentIntent',
  summary: 'Capture an authorised payment intent',
  tags: ['payments'],
  permission: 'payments:update',
  params: PaymentIntentParams,
  body: CapturePaymentIntentBody,
  conditional: false,
  responses,
  handler: async ({ ctx, params, body, runtime }) => resource(200, toIntentView(await paymentIntentService(runtime).capture(ctx, params.paymentIntentId, body.amount), ctx.userId)),
});

export const cancelPaymentIntentRoute = defineRoute({
  method: 'POST',
  path: '/payment-intents/{paymentIntentId}/cancel',
  operationId: 'cancelPaymentIntent',
  summary: 'Cancel a payment intent',
  tags: ['payments'],
  permission: 'payments:update',
  params: PaymentIntentParams,
  body: CancelPaymentIntentBody,
  conditional: false,
  responses,
  handler: async ({ ctx, params, body, runtime }) => resource(200, toIntentView(await paymentIntentService(runtime).cancel(ctx, params.paymentIntentId, body.reason), ctx.userId)),
});
