import type { Route } from '../../../core/http/route.js';
import { createBillingAccountRoute, updateBillingAccountRoute } from './billing-account-routes.js';
import { cancelPaymentIntentRoute, capturePaymentIntentRoute, confirmPaymentIntentRoute, createPaymentIntentRoute } from './intent-routes.js';
import { getPaymentRoute, listPaymentsRoute, recordPaymentRoute, updatePaymentRoute } from './payment-routes.js';
import { getBillingAccountRoute, getPaymentIntentRoute, getRefundRoute, listBillingAccountsRoute, listPaymentRefundsRoute } from './read-routes.js';
import { createRefundRoute } from './refund-routes.js';
import { stripeWebhookRoute } from './webhook-route.js';

// Route modules are grouped by the one service their routes call, so that a one-route Lambda
// bundles that service only (the reads and the webhook carry no PSP client).
export * from './billing-account-routes.js';
export * from './intent-routes.js';
export * from './payment-routes.js';
export * from './read-routes.js';
export * from './refund-routes.js';
export * from './webhook-route.js';

export const paymentRoutes: readonly Route[] = [
  createBillingAccountRoute,
  listBillingAccountsRoute,
  getBillingAccountRoute,
  updateBillingAccountRoute,
  createPaymentIntentRoute,
  getPaymentIntentRoute,
  confirmPaymentIntentRoute,
  capturePaymentIntentRoute,
  cancelPaymentIntentRoute,
  recordPaymentRoute,
  listPaymentsRoute,
  getPaymentRoute,
  updatePaymentRoute,
  createRefundRoute,
  getRefundRoute,
  listPaymentRefundsRoute,
  stripeWebhookRoute,
];
