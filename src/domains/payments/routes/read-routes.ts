/** Reads: billing accounts, payment intents, refunds (no PSP client in these Lambdas). */
import { defineRoute, json, resource } from '../../../core/http/route.js';
import { paymentReads } from '../services/index.js';
import { BillingAccountSchema } from '../models/billing-account.js';
import { PaymentIntentSchema, toIntentView } from '../models/payment-intent.js';
import { RefundSchema, toRefundView } from '../models/refund.js';
import { BillingAccountPage } from './account-schemas.js';
import { RefundPage } from './refund-schemas.js';
import { BillingAccountParams, PageQuery, PaymentIntentParams, PaymentParams, RefundParams } from './schemas.js';

export const getBillingAccountRoute = defineRoute({
  method: 'GET',
  path: '/billing-accounts/{billingAccountId}',
  operationId: 'getBillingAccount',
  summary: 'Get a billing account',
  tags: ['payments'],
  permission: 'billing:read',
  params: BillingAccountParams,
  responses: { 200: { description: 'The billing account.', schema: BillingAccountSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await paymentReads(runtime).billingAccount(ctx, params.billingAccountId)),
});

export const listBillingAccountsRoute = defineRoute({
  method: 'GET',
  path: '/billing-accounts',
  operationId: 'listBillingAccounts',
  summary: 'List billing accounts, newest first',
  tags: ['payments'],
  permission: 'billing:read',
  query: PageQuery,
  responses: { 200: { description: 'One page of billing accounts.', schema: BillingAccountPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await paymentReads(runtime).billingAccounts(ctx, query)),
});

export const getPaymentIntentRoute = defineRoute({
  method: 'GET',
  path: '/payment-intents/{paymentIntentId}',
  operationId: 'getPaymentIntent',
  summary: 'Get a payment intent',
  description: '`clientSecret` is included for the intent\'s creator only.',
  tags: ['payments'],
  permission: 'payments:read',
  params: PaymentIntentParams,
  responses: { 200: { description: 'The payment intent.', schema: PaymentIntentSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, toIntentView(await paymentReads(runtime).paymentIntent(ctx, params.paymentIntentId), ctx.userId)),
});

export const getRefundRoute = defineRoute({
  method: 'GET',
  path: '/refunds/{refundId}',
  operationId: 'getRefund',
  summary: 'Get a refund',
  tags: ['payments'],
  permission: 'refunds:read',
  params: RefundParams,
  responses: { 200: { description: 'The refund.', schema: RefundSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, toRefundView(await paymentReads(runtime).refund(ctx, params.refundId))),
});

export const listPaymentRefundsRoute = defineRoute({
  method: 'GET',
  path: '/payments/{paymentId}/refunds',
  operationId: 'listPaymentRefunds',
  summary: 'List a payment\'s refunds, newest first',
  tags: ['payments'],
  permission: 'refunds:read',
  params: PaymentParams,
  query: PageQuery,
  responses: { 200: { description: 'One page of refunds.', schema: RefundPage } },
  handler: async ({ ctx, params, query, runtime }) => {
    const page = await paymentReads(runtime).refundsOfPayment(ctx, params.paymentId, query);
    return json(200, { items: page.items.map(toRefundView), nextCursor: page.nextCursor });
  },
});
