/**
 * A PSP in process, for one machine and tests: customers, intents, captures, cancellations and
 * refunds with Stripe's statuses and Stripe's test payment methods, so the whole flow runs
 * without Stripe. State lives in memory (a restart forgets the PSP's side, not our records).
 *
 * Test payment methods (as Stripe's): `pm_card_visa` and `pm_card_mastercard` succeed (or wait
 * for capture with manual capture); `pm_card_chargeDeclined` is declined (card_declined, back to
 * requires_payment_method); `pm_card_authenticationRequired` needs 3-D Secure (requires_action).
 * A refund of an amount ending in 13 minor units fails, one ending in 17 stays pending (its outcome
 * comes later, by webhook), to exercise both.
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../../../core/ids.js';
import type { PaymentMethodDetails } from '../models/common.js';
import type { PaymentProvider, PspIntent, PspRefund } from './payment-provider.js';
import { PspError } from './payment-provider.js';
import { verifyStripeSignature } from './stripe-signature.js';

const CARDS: Record<string, PaymentMethodDetails & { outcome: 'ok' | 'declined' | 'action' }> = {
  pm_card_visa: { type: 'card', brand: 'visa', last4: '4242', funding: 'credit', outcome: 'ok' },
  pm_card_mastercard: { type: 'card', brand: 'mastercard', last4: '4444', funding: 'credit', outcome: 'ok' },
  pm_card_chargeDeclined: { type: 'card', brand: 'visa', last4: '0002', funding: 'credit', outcome: 'declined' },
  pm_card_authenticationRequired: { type: 'card', brand: 'visa', last4: '3184', funding: 'credit', outcome: 'action' },
};

interface LocalIntent extends PspIntent {
  captureMethod: 'automatic' | 'manual';
}

export const createLocalProvider = (): PaymentProvider => {
  const intents = new Map<string, LocalIntent>();
  const refunds = new Map<string, PspRefund>();
  const byKey = new Map<string, unknown>();
  const snapshot = (intent: LocalIntent): PspIntent => {
    const { captureMethod: _c, ...rest } = intent;
    return { ...rest };
  };
  const intentOf = (id: string): LocalIntent => {
    const intent = intents.get(id);
    if (intent === undefined) throw new PspError(`No such payment intent: ${id}.`, 'resource_missing', false);
    return intent;
  };
  /** Like Stripe's idempotency keys: the same key gives the same answer. */
  const once = <T>(key: string, make: () => T): T => {
    if (!byKey.has(key)) byKey.set(key, make());
    return byKey.get(key) as T;
  };

  return {
    name: 'local',
    async createCustomer(input) {
      const make = () => ({ id: `cus_local_${newId()}` });
      return input.idempotencyKey === undefined ? make() : once(input.idempotencyKey, make);
    },
    async updateCustomer() {},
    async createPaymentIntent(input) {
      return snapshot(once(input.idempotencyKey, () => {
        const id = `pi_local_${newId()}`;
        const intent: LocalIntent = { id, clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}`, status: 'requires_payment_method', amount: input.amount, currency: input.currency, captureMethod: input.captureMethod };
        intents.set(id, intent);
        return intent;
      }));
    },
    async retrievePaymentIntent(id) {
      return snapshot(intentOf(id));
    },
    async confirmPaymentIntent(id, paymentMethod) {
      const intent = intentOf(id);
      if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status)) {
        throw new PspError(`This payment intent is ${intent.status}; it cannot be confirmed.`, 'payment_intent_unexpected_state', false);
      }
      const card = CARDS[paymentMethod];
      if (card === undefined) throw new PspError(`Unknown test payment method ${paymentMethod}.`, 'resource_missing', false);
      const { outcome, ...details } = card;
      intent.paymentMethod = details;
      delete intent.errorCode;
      delete intent.errorMessage;
      if (outcome === 'declined') Object.assign(intent, { status: 'requires_payment_method', errorCode: 'card_declined', errorMessage: 'Your card was declined.' });
      else if (outcome === 'action' && intent.status !== 'requires_action') intent.status = 'requires_action';
      else Object.assign(intent, { status: intent.captureMethod === 'manual' ? 'requires_capture' : 'succeeded', latestChargeId: `ch_local_${newId()}` });
      return snapshot(intent);
    },
    async capturePaymentIntent(id, amount) {
      const intent = intentOf(id);
      if (intent.status !== 'requires_capture') throw new PspError(`This payment intent is ${intent.status}; only requires_capture can be captured.`, 'payment_intent_unexpected_state', false);
      if (amount !== undefined && amount > intent.amount) throw new PspError('The amount to capture exceeds the authorised amount.', 'amount_too_large', false);
      intent.status = 'succeeded';
      return snapshot(intent);
    },
    async cancelPaymentIntent(id) {
      const intent = intentOf(id);
      if (intent.status === 'succeeded' || intent.status === 'canceled') throw new PspError(`This payment intent is ${intent.status}; it cannot be canceled.`, 'payment_intent_unexpected_state', false);
      intent.status = 'canceled';
      return snapshot(intent);
    },
    async createRefund(input) {
      return { ...once(input.idempotencyKey, () => {
        const id = `re_local_${newId()}`;
        const cents = input.amount % 100;
        const refund: PspRefund = cents === 13 ? { id, status: 'failed', errorCode: 'expired_or_canceled_card' } : cents === 17 ? { id, status: 'pending' } : { id, status: 'succeeded' };
        refunds.set(refund.id, refund);
        return refund;
      }) };
    },
    verifyWebhook(rawBody, signature, secret) {
      return verifyStripeSignature(rawBody, signature, secret);
    },
  };
};
