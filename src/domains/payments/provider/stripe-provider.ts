/**
 * The Stripe adapter: `PaymentProvider` on the stripe package. Our side speaks ISO 4217 upper case
 * and our own status names; Stripe speaks lower-case currencies and its own objects. Amounts are
 * minor units on both sides, so they pass through untouched. Every Stripe failure leaves here as a
 * `PspError` whose `transient` tells the caller whether a retry can help.
 */
import Stripe from 'stripe';
import type { PaymentMethodDetails } from '../models/common.js';
import type { IntentStatus } from '../models/payment-intent.js';
import type { RefundStatus } from '../models/refund.js';
import { PspError, type PaymentProvider, type PspCustomerInput, type PspEvent, type PspIntent } from './payment-provider.js';
import { STRIPE_SIGNATURE_TOLERANCE_SECONDS, WebhookSignatureError } from './stripe-signature.js';
import { StripeAmountError, fromStripeAmount, toStripeAmount } from './stripe-amounts.js';

export interface StripeProviderOptions {
  secretKey: string;
  /** Defaults to the version the installed stripe package is pinned to (its types describe that one). */
  apiVersion?: string;
  /** host/port/protocol: only to point the client at a local fake in tests. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

// Stripe's PaymentIntent and Refund statuses that have a same-named status of ours. Anything else is
// a status this code has never seen: failing loudly beats filing the payment under a wrong status.
const INTENT_STATUSES = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'canceled', 'succeeded'] as const satisfies readonly IntentStatus[];
const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const satisfies readonly RefundStatus[];
// The only reasons Stripe's cancel endpoint accepts; others (ours are free text) would be a 400.
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;
const FUNDING = ['credit', 'debit', 'prepaid', 'unknown'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null | undefined): value is T => value != null && (list as readonly string[]).includes(value);

const known = <T extends string>(list: readonly T[], value: string | null, what: string): T => {
  if (oneOf(list, value)) return value;
  throw new PspError(`Stripe returned ${what} status ${JSON.stringify(value)}, which this adapter does not know.`, undefined, false);
};

/** A Stripe error as a PspError: transient when Stripe could not be reached or failed on its side. */
const toPspError = (error: unknown): unknown => {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const status = error.statusCode ?? 0;
  const transient =
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    status === 429 ||
    status >= 500;
  const wrapped = new PspError(error.message, error.code, transient);
  wrapped.cause = error;
  return wrapped;
};

const call = async <T>(request: () => Promise<T>): Promise<T> => {
  try {
    return await request();
  } catch (error) {
    if (error instanceof StripeAmountError) throw new PspError(error.message, 'amount_not_supported', false);
    throw toPspError(error);
  }
};

/** type/brand/last4/funding from an expanded charge. Card, SEPA, US bank… keep them under `[type]`. */
const paymentMethodOf = (charge: Stripe.Charge): PaymentMethodDetails | undefined => {
  const pmd = charge.payment_method_details;
  if (!pmd) return undefined;
  const sub = (pmd as unknown as Record<string, Record<string, unknown> | undefined>)[pmd.type] ?? {};
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const brand = text(sub['brand']);
  const last4 = text(sub['last4']);
  const funding = text(sub['funding']);
  return {
    type: pmd.type,
    ...(brand !== undefined && { brand }),
    ...(last4 !== undefined && /^\d{4}$/.test(last4) && { last4 }),
    ...(funding !== undefined && { funding: oneOf(FUNDING, funding) ? funding : 'unknown' }),
  };
};

const toIntent = (pi: Stripe.PaymentIntent): PspIntent => {
  const charge = pi.latest_charge;
  return {
    id: pi.id,
    clientSecret: pi.client_secret ?? undefined,
    status: known(INTENT_STATUSES, pi.status, 'a PaymentIntent'),
    amount: fromStripeAmount(pi.amount, pi.currency),
    currency: pi.currency.toUpperCase(),
    latestChargeId: charge === null ? undefined : typeof charge === 'string' ? charge : charge.id,
    paymentMethod: charge !== null && typeof charge === 'object' ? paymentMethodOf(charge) : undefined,
    errorCode: pi.last_payment_error?.code ?? undefined,
    errorMessage: pi.last_payment_error?.message ?? undefined,
  };
};

const customerParams = (input: Partial<PspCustomerInput>, clearMissing: boolean): Stripe.CustomerUpdateParams => {
  // On update Stripe keeps address fields we do not send, so an address that lost its line2 would
  // keep the old one; '' clears it. On create there is nothing to clear.
  const blank = clearMissing ? '' : undefined;
  const a = input.address;
  return {
    name: input.name,
    email: input.email,
    phone: input.phone,
    address: a && { line1: a.line1, line2: a.line2 ?? blank, city: a.city, state: a.region ?? blank, postal_code: a.postalCode ?? blank, country: a.country },
    metadata: input.metadata,
  };
};

export const createStripeProvider = (options: StripeProviderOptions): PaymentProvider => {
  const stripe = new Stripe(options.secretKey, {
    // Our option is a plain string so a deployment can pin an older account version; the SDK's type
    // only names the version its types were generated for.
    apiVersion: options.apiVersion as Stripe.LatestApiVersion | undefined,
    host: options.host,
    port: options.port,
    protocol: options.protocol,
    maxNetworkRetries: options.maxNetworkRetries,
    timeout: options.timeoutMs,
  });
  // Retrieve, confirm and capture ask for the charge inline, so the intent carries the card that paid.
  const withCharge = { expand: ['latest_charge'] };

  return {
    name: 'stripe',

    createCustomer: (input) => call(async () => ({ id: (await stripe.customers.create(customerParams(input, false), input.idempotencyKey === undefined ? {} : { idempotencyKey: input.idempotencyKey })).id })),

    updateCustomer: (id, input) =>
      call(async () => {
        await stripe.customers.update(id, customerParams(input, true));
      }),

    createPaymentIntent: (input) =>
      call(async () =>
        toIntent(
          await stripe.paymentIntents.create(
            {
              amount: toStripeAmount(input.amount, input.currency),
              currency: input.currency.toLowerCase(),
              customer: input.customerId,
              capture_method: input.captureMethod,
              confirmation_method: input.confirmationMethod,
              setup_future_usage: input.setupFutureUsage,
              description: input.description,
              metadata: input.metadata,
            },
            { idempotencyKey: input.idempotencyKey },
          ),
        ),
      ),

    retrievePaymentIntent: (id) => call(async () => toIntent(await stripe.paymentIntents.retrieve(id, withCharge))),

    confirmPaymentIntent: (id, paymentMethod) => call(async () => toIntent(await stripe.paymentIntents.confirm(id, { payment_method: paymentMethod, ...withCharge }))),

    capturePaymentIntent: (id, amount, currency) =>
      call(async () => toIntent(await stripe.paymentIntents.capture(id, { amount_to_capture: amount === undefined || currency === undefined ? amount : toStripeAmount(amount, currency), ...withCharge }))),

    cancelPaymentIntent: (id, reason) =>
      call(async () => toIntent(await stripe.paymentIntents.cancel(id, { cancellation_reason: oneOf(CANCELLATION_REASONS, reason) ? reason : undefined }))),

    createRefund: (input) =>
      call(async () => {
        if (input.chargeId === undefined && input.paymentIntentId === undefined) {
          throw new PspError('A refund needs the charge or the payment intent it refunds.', 'parameter_missing', false);
        }
        const refund = await stripe.refunds.create(
          {
            // The charge when we know it (exact), else the intent (Stripe refunds its latest charge).
            ...(input.chargeId !== undefined ? { charge: input.chargeId } : { payment_intent: input.paymentIntentId }),
            amount: toStripeAmount(input.amount, input.currency),
            // Stripe has no 'other': no reason at all is how it says that.
            reason: input.reason === 'other' ? undefined : input.reason,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { id: refund.id, status: known(REFUND_STATUSES, refund.status, 'a Refund'), errorCode: refund.failure_reason ?? undefined };
      }),

    verifyWebhook: (rawBody, signature, secret): PspEvent => {
      // Checked here so a blank header is 'missing' as in verifyStripeSignature (Stripe's own check
      // only catches '' and would call '   ' unparseable).
      if (signature === undefined || signature.trim() === '') throw new WebhookSignatureError('missing', 'The Stripe-Signature header is missing.');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          // Stripe tells failures apart only by message ('Timestamp outside the tolerance zone').
          const reason = /tolerance/i.test(error.message) ? 'stale' : /unable to extract/i.test(error.message) ? 'malformed' : 'no_match';
          throw new WebhookSignatureError(reason, error.message);
        }
        // Signed, but not JSON (or a thin v2 event, which this endpoint does not take).
        throw new WebhookSignatureError('invalid_payload', error instanceof Error ? error.message : 'The payload is not a Stripe event.');
      }
      const object: unknown = event.data?.object;
      if (typeof event.id !== 'string' || typeof event.type !== 'string' || !Number.isInteger(event.created) || typeof object !== 'object' || object === null) {
        throw new WebhookSignatureError('invalid_payload', 'The payload is not a Stripe event (id, type, created, data.object).');
      }
      return { id: event.id, type: event.type, created: event.created, data: { object: object as Record<string, unknown> } };
    },
  };
};
