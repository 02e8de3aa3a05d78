/**
 * How a payment intent's status changes, as a pure function: the transition table is checked
 * (422 otherwise) and the history grows by one entry. Shared by the intent service and the
 * webhook service (which must not carry the PSP client).
 */
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError } from '../../../core/errors.js';
import type { PaymentMethodDetails } from '../models/common.js';
import { canMove, type IntentStatus, type StoredPaymentIntent } from '../models/payment-intent.js';

export interface StatusUpdate {
  to: IntentStatus;
  source: 'api' | 'webhook' | 'provider';
  eventId?: string | undefined;
  /** The PSP's event time (seconds): an event older than the last one applied changes nothing. */
  pspStateAt?: number | undefined;
  paymentMethod?: PaymentMethodDetails | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  cancellationReason?: string | undefined;
  pspChargeId?: string | undefined;
}

export const invalidIntentMove = (from: IntentStatus, to: IntentStatus): RuleViolationError =>
  new RuleViolationError(ERROR_CODES.invalidTransition, `A payment intent cannot go from ${from} to ${to}.`, { details: { from, to } });

/** The changes a status update makes, or undefined when there is nothing to change. */
export const intentStatusChanges = (intent: StoredPaymentIntent, update: StatusUpdate, now: Date): Record<string, unknown> | undefined => {
  const moving = update.to !== intent.status;
  if (moving && !canMove(intent.status, update.to)) throw invalidIntentMove(intent.status, update.to);
  const at = now.toISOString();
  const details = {
    ...(update.paymentMethod === undefined ? {} : { paymentMethod: update.paymentMethod }),
    ...(update.errorCode === undefined ? {} : { pspErrorCode: update.errorCode, pspErrorMessage: update.errorMessage ?? null }),
    ...(update.pspStateAt === undefined ? {} : { pspStateAt: update.pspStateAt }),
    ...(update.pspChargeId === undefined || update.pspChargeId === intent.pspChargeId ? {} : { pspChargeId: update.pspChargeId }),
  };
  if (!moving) return Object.keys(details).length === 0 ? undefined : details;
  return {
    ...details,
    status: update.to,
    statusHistory: [...intent.statusHistory, { from: intent.status, to: update.to, at, source: update.source, ...(update.eventId === undefined ? {} : { eventId: update.eventId }) }],
    ...(update.to === 'canceled' ? { canceledAt: at, ...(update.cancellationReason === undefined ? {} : { cancellationReason: update.cancellationReason }) } : {}),
    // A success clears the error of an earlier attempt.
    ...(update.to === 'succeeded' && update.errorCode === undefined ? { pspErrorCode: null, pspErrorMessage: null } : {}),
  };
};
