/**
 * How a refund's status changes, as write ops: the transition table is checked (422 otherwise),
 * and failed or canceled gives the amount back to the payment in the same transaction. Shared by
 * the refund service and the webhook service (which must not carry the PSP client).
 */
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError, type AppError } from '../../../core/errors.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { paymentEntity } from '../models/payment.js';
import { RELEASING_STATUSES, REFUND_TRANSITIONS, refundEntity, type RefundStatus, type StoredRefund } from '../models/refund.js';

export interface RefundStatusUpdate {
  to: RefundStatus;
  pspRefundId?: string | undefined;
  errorCode?: string | undefined;
  pspStateAt?: number | undefined;
}

/**
 * Refunds `ids` of `amount` in all counted on their payment, conditional on what remains: the one
 * write that keeps refunds within the gross (our refunds and the PSP's alike).
 */
export const reserveOnPayment = (paymentId: string, amount: number, ids: string[], onFail: (now: Record<string, unknown> | undefined) => AppError): WriteOp => ({
  type: 'bookkeeping',
  entity: paymentEntity,
  key: { id: paymentId },
  add: { refundedAmount: amount, refundableAmount: -amount, refundCount: ids.length },
  append: { refundIds: ids },
  condition: { expression: (b) => `${b.name('refundableAmount')} >= ${b.value(amount)}`, onFail },
});

export const canMoveRefund = (from: RefundStatus, to: RefundStatus): boolean => to === from || REFUND_TRANSITIONS[from].includes(to);

export const refundStatusOps = (refund: StoredRefund, update: RefundStatusUpdate, now: Date): WriteOp[] => {
  if (!canMoveRefund(refund.status, update.to)) {
    throw new RuleViolationError(ERROR_CODES.invalidTransition, `A refund cannot go from ${refund.status} to ${update.to}.`, { details: { from: refund.status, to: update.to } });
  }
  const at = now.toISOString();
  const stamp = update.to === refund.status ? {} : update.to === 'succeeded' ? { succeededAt: at } : update.to === 'failed' ? { failedAt: at } : update.to === 'canceled' ? { canceledAt: at } : {};
  const ops: WriteOp[] = [{
    type: 'update',
    entity: refundEntity,
    key: { id: refund.id },
    changes: {
      status: update.to,
      ...stamp,
      ...(update.pspRefundId === undefined ? {} : { pspRefundId: update.pspRefundId }),
      ...(update.errorCode === undefined ? {} : { pspErrorCode: update.errorCode }),
      ...(update.pspStateAt === undefined ? {} : { pspStateAt: update.pspStateAt }),
    },
    current: refund,
  }];
  if (RELEASING_STATUSES.includes(update.to) && !RELEASING_STATUSES.includes(refund.status)) {
    ops.push({ type: 'bookkeeping', entity: paymentEntity, key: { id: refund.paymentId }, add: { refundedAmount: -refund.amount, refundableAmount: refund.amount, refundCount: -1 } });
  }
  return ops;
};
