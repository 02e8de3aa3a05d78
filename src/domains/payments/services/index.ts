import type { Runtime } from '../../../core/runtime.js';
import { createBillingAccountService, type BillingAccountService } from './billing-account-service.js';
import { createPaymentIntentService, type PaymentIntentService } from './payment-intent-service.js';
import { createPaymentReads, type PaymentReads } from './payment-reads.js';
import { createPaymentService, type PaymentService } from './payment-service.js';
import { createRefundService, type RefundService } from './refund-service.js';
import { createWebhookService, type WebhookService } from './webhook-service.js';

export interface PaymentsServices {
  reads: PaymentReads;
  billingAccounts: BillingAccountService;
  intents: PaymentIntentService;
  payments: PaymentService;
  refunds: RefundService;
  webhooks: WebhookService;
}

// One accessor per service, each made once per runtime: a route imports only the service it uses
// (the payment reads and the webhook carry no PSP client).
export const paymentReads = (runtime: Runtime): PaymentReads => runtime.service('payments.reads', createPaymentReads);
export const billingAccountService = (runtime: Runtime): BillingAccountService => runtime.service('payments.billing-accounts', createBillingAccountService);
export const paymentIntentService = (runtime: Runtime): PaymentIntentService => runtime.service('payments.intents', createPaymentIntentService);
export const paymentService = (runtime: Runtime): PaymentService => runtime.service('payments.payments', createPaymentService);
export const refundService = (runtime: Runtime): RefundService => runtime.service('payments.refunds', createRefundService);
export const webhookService = (runtime: Runtime): WebhookService => runtime.service('payments.webhooks', createWebhookService);

/** Every payments service of a runtime. */
export const payments = (runtime: Runtime): PaymentsServices => ({
  reads: paymentReads(runtime),
  billingAccounts: billingAccountService(runtime),
  intents: paymentIntentService(runtime),
  payments: paymentService(runtime),
  refunds: refundService(runtime),
  webhooks: webhookService(runtime),
});

export { createPaymentReads, createBillingAccountService, createPaymentIntentService, createPaymentService, createRefundService, createWebhookService };
export type { PaymentReads, BillingAccountService, PaymentIntentService, PaymentService, RefundService, WebhookService };
export type { BillingAccountInput, BillingAccountChanges } from './billing-account-service.js';
export type { PaymentIntentInput } from './payment-intent-service.js';
export type { RecordPaymentInput } from './payment-service.js';
export type { RefundInput } from './refund-service.js';
export type { StatusUpdate } from './intent-status.js';
export type { RefundStatusUpdate } from './refund-status.js';
export type { WebhookResult } from './webhook-service.js';
