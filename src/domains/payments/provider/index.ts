/** The configured PSP of a runtime: Stripe, the local one, or none (503 where one is needed). */
import { UnavailableError } from '../../../core/errors.js';
import type { Runtime } from '../../../core/runtime.js';
import { createLocalProvider } from './local-provider.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';

export const PAYMENT_PROVIDER = 'payments.provider';

export const paymentProviderOf = (runtime: Runtime): PaymentProvider =>
  runtime.service(PAYMENT_PROVIDER, (rt): PaymentProvider => {
    const { provider, stripeSecretKey } = rt.config.payments;
    if (provider === 'stripe') return createStripeProvider({ secretKey: stripeSecretKey as string });
    if (provider === 'local') return createLocalProvider();
    throw new UnavailableError(30, 'No payment provider is configured (PAYMENT_PROVIDER, STRIPE_SECRET_KEY).', { details: { reason: 'psp_not_configured' } });
  });

