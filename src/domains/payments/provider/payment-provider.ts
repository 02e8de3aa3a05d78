/**
 * The PSP behind payments, as one interface: customers, payment intents, capture, cancel,
 * refunds and webhook verification. The Stripe adapter (stripe-provider.ts) talks to Stripe; the
 * local provider (local-provider.ts) plays a PSP in process so the whole flow runs on one machine.
 * Services depend on this interface only; `paymentProviderOf(runtime)` picks the configured one.
 */
import type { Address } from '../models/billing-account.js';
import type { PaymentMethodDetails, Psp } from '../models/common.js';
import type { IntentStatus } from '../models/payment-intent.js';
import type { RefundStatus } from '../models/refund.js';

export interface PspCustomerInput {
  name: string;
  email: string;
  phone?: string | undefined;
  address?: Address | undefined;
  /** Our ids, so the PSP's dashboard leads back to them. */
  metadata: Record<string, string>;
  /** Sent to the PSP so that a retried call creates one customer, not two. */
  idempotencyKey?: string | undefined;
}

export interface PspIntentInput {
  amount: number;
  /** ISO 4217, upper case (adapters convert to the PSP's own form). */
  currency: string;
  customerId?: string | undefined;
  captureMethod: 'automatic' | 'manual';
  confirmationMethod: 'automatic' | 'manual';
  setupFutureUsage?: 'on_session' | 'off_session' | undefined;
  description?: string | undefined;
  metadata: Record<string, string>;
  /** Sent to the PSP so that a retried call creates one intent, not two. */
  idempotencyKey: string;
}

export interface PspIntent {
  id: string;
  clientSecret?: string | undefined;
  status: IntentStatus;
  amount: number;
  currency: string;
  paymentMethod?: PaymentMethodDetails | undefined;
  latestChargeId?: string | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
}

export interface PspRefundInput {
  /** The charge to refund (or, when only the intent is known, the intent). */
  chargeId?: string | undefined;
  paymentIntentId?: string | undefined;
  amount: number;
  currency: string;
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'other';
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface PspRefund {
  id: string;
  status: RefundStatus;
  errorCode?: string | undefined;
}

/** A verified PSP event, as the PSP sent it. */
export interface PspEvent {
  id: string;
  type: string;
  /** Seconds since the epoch, the PSP's clock. */
  created: number;
  data: { object: Record<string, unknown> };
}

export interface PaymentProvider {
  readonly name: Psp;
  createCustomer(input: PspCustomerInput): Promise<{ id: string }>;
  updateCustomer(id: string, input: Partial<PspCustomerInput>): Promise<void>;
  createPaymentIntent(input: PspIntentInput): Promise<PspIntent>;
  retrievePaymentIntent(id: string): Promise<PspIntent>;
  /** Server-side confirmation with a payment method id (Stripe.js does this in a browser). */
  confirmPaymentIntent(id: string, paymentMethod: string): Promise<PspIntent>;
  /** `amount` (ISO minor units of `currency`): capture less than authorised. */
  capturePaymentIntent(id: string, amount?: number, currency?: string): Promise<PspIntent>;
  cancelPaymentIntent(id: string, reason?: string): Promise<PspIntent>;
  createRefund(input: PspRefundInput): Promise<PspRefund>;
  /** The event, if `signature` proves the PSP sent exactly `rawBody` recently; throws otherwise. */
  verifyWebhook(rawBody: string, signature: string | undefined, secret: string): PspEvent;
}

/** A PSP refused or failed a call; `code` is the PSP's error code when it gave one. */
export class PspError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** true: the PSP could not be reached or failed on its side (retry later). */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'PspError';
  }
}
