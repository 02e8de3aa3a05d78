/** `geek-cafe-saas-sdk/payments`: billing accounts, payment intents, settled payments, refunds, Stripe. */
export * from './models/billing-account.js';
export * from './models/common.js';
export * from './models/payment-intent.js';
export * from './models/payment.js';
export * from './models/refund.js';
export * from './services/index.js';
export * from './routes/index.js';
export { paymentProviderOf, PAYMENT_PROVIDER } from './provider/index.js';
export { createLocalProvider } from './provider/local-provider.js';
export { createStripeProvider } from './provider/stripe-provider.js';
export { verifyStripeSignature, WebhookSignatureError, STRIPE_SIGNATURE_TOLERANCE_SECONDS } from './provider/stripe-signature.js';
export type { PaymentProvider, PspEvent, PspIntent, PspRefund } from './provider/payment-provider.js';
export { PspError } from './provider/payment-provider.js';
