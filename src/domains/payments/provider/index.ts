/**
 * The PSP of a runtime: Stripe when configured. The local provider is never built here: the local
 * runtime and the tests provide it (`runtime.provide(PAYMENT_PROVIDER, createLocalProvider())`),
 * so a Lambda can neither carry it nor take fake payments by a configuration mistake.
 */
import { UnavailableError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';

export const PAYMENT_PROVIDER = 'payments.provider';

export const paymentProviderOf = (runtime: Runtime): PaymentProvider =>
  runtime.service(PAYMENT_PROVIDER, (rt): PaymentProvider => {
    const { provider, stripeSecretKey } = rt.config.payments;
    // Well inside API Gateway's 30 s: a slow PSP is a 503 the client can retry, not a gateway timeout.
    if (provider === 'stripe') return createStripeProvider({ secretKey: stripeSecretKey as string, timeoutMs: 10_000, maxNetworkRetries: 1 });
    const why = provider === 'local' ? 'The local payment provider runs only in the local runtime (npm start) and in tests.' : 'No payment provider is configured (PAYMENT_PROVIDER, STRIPE_SECRET_KEY).';
    throw new UnavailableError(30, why, { details: { reason: 'psp_not_configured' } });
  });

