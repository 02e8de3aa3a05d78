/** Settled payments: record, read, list, annotate. */
import { defineRoute, json, resource } from '../../../core/http/route.js';
import { PaymentSchema, toPaymentView } from '../models/payment.js';
import { paymentService } from '../services/index.js';
import { ListPaymentsQuery, PaymentPage, RecordPaymentBody, UpdatePaymentBody } from './payment-schemas.js';
import { PaymentParams } from './schemas.js';

export const recordPaymentRoute = defineRoute({
  method: 'POST',
  path: '/payments',
  operationId: 'recordPayment',
  summary: 'Record a settled payment',
  description: '`netAmount` is computed (gross - fees) and never accepted. With `paymentIntentId`, the intent must have succeeded and gets this payment (once). Takes Idempotency-Key.',
  tags: ['payments'],
  permission: 'payments:create',
  body: RecordPaymentBody,
  responses: { 201: { description: 'The payment.', schema: PaymentSchema } },
  handler: async ({ ctx, body, runtime }) => {
    const payment = await paymentService(runtime).record(ctx, body);
    return resource(201, toPaymentView(payment), { location: `/payments/${payment.id}` });
  },
});

export const getPaymentRoute = defineRoute({
  method: 'GET',
  path: '/payments/{paymentId}',
  operationId: 'getPayment',
  summary: 'Get a payment',
  tags: ['payments'],
  permission: 'payments:read',
  params: PaymentParams,
  responses: { 200: { description: 'The payment.', schema: PaymentSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, toPaymentView(await paymentService(runtime).get(ctx, params.paymentId))),
});

export const listPaymentsRoute = defineRoute({
  method: 'GET',
  path: '/payments',
  operationId: 'listPayments',
  summary: 'List payments, newest first (the tenant\'s, or one billing account\'s)',
  tags: ['payments'],
  permission: 'payments:read',
  query: ListPaymentsQuery,
  responses: { 200: { description: 'One page of payments.', schema: PaymentPage } },
  handler: async ({ ctx, query, runtime }) => {
    const page = await paymentService(runtime).list(ctx, query);
    return json(200, { items: page.items.map(toPaymentView), nextCursor: page.nextCursor });
  },
});

export const updatePaymentRoute = defineRoute({
  method: 'PATCH',
  path: '/payments/{paymentId}',
  operationId: 'updatePayment',
  summary: 'Annotate a payment: receipt, reconciliation, description',
  description: 'The money fields of a settled payment never change: sending a different value is 422 payment_settled.',
  tags: ['payments'],
  permission: 'payments:update',
  params: PaymentParams,
  body: UpdatePaymentBody,
  responses: { 200: { description: 'The payment.', schema: PaymentSchema } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => resource(200, toPaymentView(await paymentService(runtime).update(ctx, params.paymentId, body, ifMatch))),
});
